import type { Invitation, Member, Organization, Role } from '@agent-crm/contracts';
import { and, asc, desc, eq, gt, isNull } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { hashPassword } from 'better-auth/crypto';
import {
  accounts,
  agentMembers,
  invitations,
  members,
  organizations,
  sessions,
  users,
} from '../../db/schema';
import type { MemberContext, PublicContext } from '../../lib/context';
import { AppError, forbidden, notFound } from '../../lib/errors';
import { inOrgWhere } from '../../lib/tenant';
import { recordAuditEvent } from '../audit/audit.service';
import { insertUserWithPassword, splitName, startSession, toUser } from '../auth/auth.service';
import { removeMemberFromAutomations } from '../automations/automations.service';

const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export async function renameOrganization(ctx: MemberContext, name: string): Promise<Organization> {
  const [row] = await ctx.db
    .update(organizations)
    .set({ name })
    .where(eq(organizations.id, ctx.organizationId))
    .returning();
  if (!row) throw notFound('Organization');
  return { id: row.id, name: row.name };
}

function selectMembers(ctx: MemberContext, userId?: string) {
  return ctx.db
    .select({ user: users, role: members.role, joinedAt: members.createdAt })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(inOrgWhere(members, ctx, userId ? eq(members.userId, userId) : undefined))
    .orderBy(asc(members.createdAt));
}

type MemberRow = Awaited<ReturnType<typeof selectMembers>>[number];

function toMember(row: MemberRow): Member {
  return {
    id: row.user.id,
    email: row.user.email,
    name: row.user.name,
    role: row.role,
    joinedAt: row.joinedAt.toISOString(),
  };
}

export async function listMembers(ctx: MemberContext): Promise<Member[]> {
  return (await selectMembers(ctx)).map(toMember);
}

async function getMember(ctx: MemberContext, userId: string): Promise<Member> {
  const [row] = await selectMembers(ctx, userId);
  if (!row) throw notFound('Member');
  return toMember(row);
}

/** Owners manage everyone but themselves; Admins manage Users; Users manage no one. */
export function canManage(actorRole: Role, targetRole: Role): boolean {
  if (actorRole === 'owner') return targetRole !== 'owner';
  if (actorRole === 'admin') return targetRole === 'user';
  return false;
}

export async function changeMemberRole(
  ctx: MemberContext,
  userId: string,
  role: 'admin' | 'user',
): Promise<Member> {
  const target = await getMember(ctx, userId);
  if (ctx.actor.role !== 'owner' || target.role === 'owner') {
    throw forbidden('Only the organization owner can change roles, and not their own');
  }
  await ctx.db
    .update(members)
    .set({ role })
    .where(inOrgWhere(members, ctx, eq(members.userId, userId)));
  return { ...target, role };
}

export async function removeMember(ctx: MemberContext, userId: string): Promise<void> {
  const target = await getMember(ctx, userId);
  if (target.id === ctx.actor.userId || !canManage(ctx.actor.role, target.role)) {
    throw forbidden(
      ctx.actor.role === 'admin' ? 'Admins can remove Users only' : 'You cannot remove this member',
    );
  }
  await ctx.db.transaction(async (tx) => {
    await tx
      .delete(agentMembers)
      .where(inOrgWhere(agentMembers, ctx, eq(agentMembers.userId, userId)));
    await tx.delete(members).where(inOrgWhere(members, ctx, eq(members.userId, userId)));
    await removeMemberFromAutomations(tx, ctx, userId, {
      id: ctx.actor.userId,
      email: ctx.actor.email,
    });
    // Their open sessions end now, not when they expire.
    await tx.delete(sessions).where(eq(sessions.userId, userId));
  });
}

export async function transferOwnership(ctx: MemberContext, userId: string): Promise<void> {
  if (userId === ctx.actor.userId) {
    throw new AppError('validation_failed', 'Choose another member to become the owner', {
      details: [{ path: 'memberId', message: 'You are already the owner' }],
    });
  }
  await getMember(ctx, userId);
  await ctx.db.transaction(async (tx) => {
    // One owner per organization is a unique index: demote first, then promote.
    await tx
      .update(members)
      .set({ role: 'admin' })
      .where(inOrgWhere(members, ctx, eq(members.userId, ctx.actor.userId)));
    await tx
      .update(members)
      .set({ role: 'owner' })
      .where(inOrgWhere(members, ctx, eq(members.userId, userId)));
  });
}

// Invitations ---------------------------------------------------------------------------------

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function acceptUrl(ctx: { config: { appUrl: string } }, token: string): string {
  return `${ctx.config.appUrl}/accept-invitation?token=${token}`;
}

type InvitationRow = typeof invitations.$inferSelect;

function toInvitation(row: InvitationRow, url?: string): Invitation {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    acceptUrl: url ?? '',
    invitedBy: row.invitedBy,
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listInvitations(
  ctx: MemberContext,
): Promise<Omit<Invitation, 'acceptUrl'>[]> {
  const rows = await ctx.db
    .select()
    .from(invitations)
    .where(
      inOrgWhere(
        invitations,
        ctx,
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    )
    .orderBy(desc(invitations.createdAt));
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    role: row.role,
    invitedBy: row.invitedBy,
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
  }));
}

/**
 * Invites an email to the organization and mails the link (SMTP or the outbox). Inviting an
 * email with a pending invitation replaces it, so only the newest link works.
 */
export async function createInvitation(
  ctx: MemberContext,
  input: { email: string; role: 'admin' | 'user' },
): Promise<Invitation> {
  if (!canManage(ctx.actor.role, input.role)) {
    throw forbidden(
      ctx.actor.role === 'admin' ? 'Admins can invite Users only' : 'Users cannot invite members',
    );
  }
  const token = randomBytes(32).toString('base64url');
  const url = acceptUrl(ctx, token);
  const row = await ctx.db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ organizationId: members.organizationId })
      .from(users)
      .innerJoin(members, eq(members.userId, users.id))
      .where(eq(users.email, input.email));
    if (existing) {
      const message =
        existing.organizationId === ctx.organizationId
          ? 'This person is already a member'
          : 'This email already belongs to a member of another organization';
      throw new AppError('conflict', message, { details: [{ path: 'email', message }] });
    }
    await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(
        inOrgWhere(
          invitations,
          ctx,
          eq(invitations.email, input.email),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      );
    const [created] = await tx
      .insert(invitations)
      .values({
        organizationId: ctx.organizationId,
        email: input.email,
        role: input.role,
        tokenHash: hashToken(token),
        invitedBy: ctx.actor.userId,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      })
      .returning();
    if (!created) throw new Error('invitation insert returned nothing');
    const [organization] = await tx
      .select({ name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, ctx.organizationId));
    await ctx.mailer.enqueue(tx, {
      organizationId: ctx.organizationId,
      to: input.email,
      subject: `You're invited to ${organization?.name ?? 'an organization'} on Agent CRM`,
      text:
        `${ctx.actor.email} invited you to join ${organization?.name ?? 'their organization'} ` +
        `on Agent CRM as ${input.role === 'admin' ? 'an Admin' : 'a User'}.\n\n` +
        `Accept the invitation: ${url}\n\nThe link works once and expires in 7 days.`,
    });
    return created;
  });
  return toInvitation(row, url);
}

export async function revokeInvitation(ctx: MemberContext, invitationId: string): Promise<void> {
  const row = await getPendingInvitation(ctx, invitationId);
  if (!canManage(ctx.actor.role, row.role))
    throw forbidden('Admins can manage User invitations only');
  await ctx.db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(inOrgWhere(invitations, ctx, eq(invitations.id, invitationId)));
}

export async function resendInvitation(
  ctx: MemberContext,
  invitationId: string,
): Promise<Invitation> {
  const row = await getPendingInvitation(ctx, invitationId);
  return createInvitation(ctx, { email: row.email, role: row.role });
}

async function getPendingInvitation(
  ctx: MemberContext,
  invitationId: string,
): Promise<InvitationRow> {
  const [row] = await ctx.db
    .select()
    .from(invitations)
    .where(
      inOrgWhere(
        invitations,
        ctx,
        eq(invitations.id, invitationId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    );
  if (!row) throw notFound('Invitation');
  return row;
}

const INVALID_INVITATION = 'This invitation link is not valid any more. Ask for a new one.';

export async function previewInvitation(ctx: PublicContext, token: string) {
  const [row] = await ctx.db
    .select({ invitation: invitations, organization: organizations })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .where(
      and(
        eq(invitations.tokenHash, hashToken(token)),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    );
  if (!row) throw new AppError('not_found', INVALID_INVITATION);
  return {
    email: row.invitation.email,
    role: row.invitation.role,
    organization: { id: row.organization.id, name: row.organization.name },
  };
}

/**
 * Accepts an invitation: creates the person's account (or re-attaches the account of someone who
 * was removed earlier) and their membership in one transaction, then signs them in.
 */
export async function acceptInvitation(
  ctx: PublicContext,
  headers: IncomingHttpHeaders,
  input: { token: string; name: string; password: string },
) {
  const { user, organizationId } = await ctx.db.transaction(async (tx) => {
    const [invitation] = await tx
      .select()
      .from(invitations)
      .where(
        and(
          eq(invitations.tokenHash, hashToken(input.token)),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, new Date()),
        ),
      )
      .for('update');
    if (!invitation) throw new AppError('not_found', INVALID_INVITATION);
    const [existing] = await tx.select().from(users).where(eq(users.email, invitation.email));
    let user: typeof users.$inferSelect;
    if (existing) {
      const [membership] = await tx.select().from(members).where(eq(members.userId, existing.id));
      if (membership) {
        throw new AppError('email_taken', 'This email already belongs to a member');
      }
      const [updated] = await tx
        .update(users)
        .set({ name: input.name, ...splitName(input.name) })
        .where(eq(users.id, existing.id))
        .returning();
      await tx
        .update(accounts)
        .set({ password: await hashPassword(input.password) })
        .where(and(eq(accounts.userId, existing.id), eq(accounts.providerId, 'credential')));
      user = updated ?? existing;
    } else {
      user = await insertUserWithPassword(tx, {
        name: input.name,
        email: invitation.email,
        password: input.password,
      });
    }
    await tx.insert(members).values({
      organizationId: invitation.organizationId,
      userId: user.id,
      role: invitation.role,
    });
    await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(eq(invitations.id, invitation.id));
    await recordAuditEvent(tx, {
      organizationId: invitation.organizationId,
      actorId: user.id,
      actorEmail: user.email,
      action: 'invitation.accept',
      outcome: 'success',
      resourceType: 'invitation',
      resourceId: invitation.id,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
    });
    return { user, organizationId: invitation.organizationId };
  });
  const setCookie = await startSession(ctx, headers, {
    email: user.email,
    password: input.password,
  });
  return { user: toUser(user), organizationId, setCookie };
}
