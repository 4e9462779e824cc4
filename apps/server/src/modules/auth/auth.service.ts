import type { Me, Role, User } from '@agent-crm/contracts';
import { APIError } from 'better-auth/api';
import { hashPassword } from 'better-auth/crypto';
import { fromNodeHeaders } from 'better-auth/node';
import { count, eq, sql } from 'drizzle-orm';
import type { IncomingHttpHeaders } from 'node:http';
import type { DbOrTx, Tx } from '../../db/client';
import { accounts, members, organizations, users } from '../../db/schema';
import type { Deps, MemberActor, MemberContext, PublicContext } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { countRecentSignInFailures, recordAuditEvent } from '../audit/audit.service';

const SETUP_LOCK_ID = 724_311_002;
const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;

type UserRow = typeof users.$inferSelect;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    firstName: row.firstName,
    lastName: row.lastName,
    image: row.image,
  };
}

/** "Ada King Lovelace" → first "Ada", last "King Lovelace"; each kept within the profile's 50. */
export function splitName(name: string): { firstName: string; lastName: string } {
  const [first = '', ...rest] = name.trim().split(/\s+/);
  return { firstName: first.slice(0, 50), lastName: rest.join(' ').slice(0, 50) };
}

/** A user and their password account, written in the caller's transaction. */
export async function insertUserWithPassword(
  tx: Tx,
  input: { name: string; email: string; password: string },
): Promise<UserRow> {
  const [user] = await tx
    .insert(users)
    .values({ name: input.name, email: input.email, ...splitName(input.name) })
    .returning();
  if (!user) throw new Error('user insert returned nothing');
  await tx.insert(accounts).values({
    accountId: user.id,
    providerId: 'credential',
    userId: user.id,
    password: await hashPassword(input.password),
  });
  return user;
}

export async function isSetUp(db: DbOrTx): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(organizations);
  return (row?.n ?? 0) > 0;
}

type NewOrganization = { organizationName: string; name: string; email: string; password: string };

/**
 * Creates an organization and its Owner in one transaction. First-run setup refuses once any
 * organization exists; sign-up (ALLOW_SIGNUP) creates one organization per person.
 */
export async function createOrganizationWithOwner(
  ctx: PublicContext,
  input: NewOrganization,
  mode: 'setup' | 'signup',
) {
  const created = await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${SETUP_LOCK_ID})`);
    if (mode === 'setup' && (await isSetUp(tx))) {
      throw new AppError('already_set_up', 'This Agent CRM is already set up. Sign in instead.');
    }
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, input.email));
    if (taken) {
      throw new AppError('email_taken', 'An account with this email already exists', {
        details: [{ path: 'email', message: 'An account with this email already exists' }],
      });
    }
    const user = await insertUserWithPassword(tx, input);
    const [organization] = await tx
      .insert(organizations)
      .values({ name: input.organizationName })
      .returning();
    if (!organization) throw new Error('organization insert returned nothing');
    await tx
      .insert(members)
      .values({ organizationId: organization.id, userId: user.id, role: 'owner' });
    await recordAuditEvent(tx, {
      organizationId: organization.id,
      actorId: user.id,
      actorEmail: user.email,
      action: mode === 'setup' ? 'organization.setup' : 'organization.sign_up',
      outcome: 'success',
      resourceType: 'organization',
      resourceId: organization.id,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
    });
    return { user, organization };
  });
  return created;
}

export type SignedIn = { user: User; setCookie: string[] };

/** Creates a session for credentials already known to be valid (after setup or accept). */
export async function startSession(
  deps: Deps,
  headers: IncomingHttpHeaders,
  credentials: { email: string; password: string },
): Promise<string[]> {
  const result = await deps.auth.api.signInEmail({
    body: credentials,
    headers: fromNodeHeaders(headers),
    returnHeaders: true,
  });
  return result.headers.getSetCookie();
}

/**
 * Signs a member in. Too many failures for one account within 15 minutes lock it for the rest of
 * that window (429), whichever IP they come from; every attempt is audited.
 */
export async function signIn(
  ctx: PublicContext,
  headers: IncomingHttpHeaders,
  credentials: { email: string; password: string },
): Promise<SignedIn> {
  const { failures, oldestFailureAt } = await countRecentSignInFailures(
    ctx.db,
    credentials.email,
    LOCKOUT_WINDOW_MS,
  );
  if (failures >= ctx.config.signInFailuresPerAccount) {
    const retryAfter = Math.max(
      1,
      Math.ceil(
        ((oldestFailureAt?.getTime() ?? Date.now()) + LOCKOUT_WINDOW_MS - Date.now()) / 1000,
      ),
    );
    throw new AppError(
      'rate_limited',
      'Too many failed sign-ins for this account. Wait a few minutes and try again.',
      { headers: { 'retry-after': String(retryAfter) } },
    );
  }

  const [membership] = await ctx.db
    .select({ user: users, organizationId: members.organizationId })
    .from(users)
    .innerJoin(members, eq(members.userId, users.id))
    .where(eq(users.email, credentials.email));

  const audit = {
    actorEmail: credentials.email,
    action: 'auth.sign_in',
    ip: ctx.ip,
    userAgent: ctx.userAgent,
  };
  let setCookie: string[] | undefined;
  if (membership) {
    try {
      setCookie = await startSession(ctx, headers, credentials);
    } catch (error) {
      if (!(error instanceof APIError)) throw error;
    }
  }
  if (!membership || !setCookie) {
    await recordAuditEvent(ctx.db, {
      ...audit,
      organizationId: membership?.organizationId ?? null,
      actorId: membership?.user.id ?? null,
      outcome: 'failure',
    });
    throw new AppError('invalid_credentials', 'Wrong email or password');
  }
  await recordAuditEvent(ctx.db, {
    ...audit,
    organizationId: membership.organizationId,
    actorId: membership.user.id,
    outcome: 'success',
  });
  return { user: toUser(membership.user), setCookie };
}

export async function signOut(ctx: MemberContext, headers: IncomingHttpHeaders): Promise<string[]> {
  const result = await ctx.auth.api.signOut({
    headers: fromNodeHeaders(headers),
    returnHeaders: true,
  });
  await recordAuditEvent(ctx.db, {
    organizationId: ctx.organizationId,
    actorId: ctx.actor.userId,
    actorEmail: ctx.actor.email,
    action: 'auth.sign_out',
    outcome: 'success',
    ip: ctx.ip,
    userAgent: ctx.userAgent,
  });
  return result.headers.getSetCookie();
}

/** The member behind a request's session cookie, or null when there is no valid session. */
export async function findSessionMember(
  deps: Deps,
  headers: IncomingHttpHeaders,
): Promise<{ actor: MemberActor; organizationId: string } | null> {
  const session = await deps.auth.api.getSession({ headers: fromNodeHeaders(headers) });
  if (!session) return null;
  const [membership] = await deps.db
    .select({ organizationId: members.organizationId, role: members.role })
    .from(members)
    .where(eq(members.userId, session.user.id));
  if (!membership) return null;
  return {
    organizationId: membership.organizationId,
    actor: {
      kind: 'member',
      userId: session.user.id,
      email: session.user.email,
      role: membership.role satisfies Role,
    },
  };
}

export async function getMe(ctx: MemberContext): Promise<Me> {
  const [row] = await ctx.db
    .select({ user: users, organization: organizations })
    .from(users)
    .innerJoin(members, eq(members.userId, users.id))
    .innerJoin(organizations, eq(organizations.id, members.organizationId))
    .where(eq(users.id, ctx.actor.userId));
  if (!row) throw new AppError('unauthenticated', 'Sign in to continue');
  return {
    user: toUser(row.user),
    organization: { id: row.organization.id, name: row.organization.name },
    role: ctx.actor.role,
  };
}

export async function updateProfile(
  ctx: MemberContext,
  patch: {
    firstName?: string | undefined;
    lastName?: string | undefined;
    image?: string | null | undefined;
  },
): Promise<Me> {
  const [current] = await ctx.db.select().from(users).where(eq(users.id, ctx.actor.userId));
  if (!current) throw new AppError('unauthenticated', 'Sign in to continue');
  const firstName = patch.firstName ?? current.firstName;
  const lastName = patch.lastName ?? current.lastName;
  await ctx.db
    .update(users)
    .set({
      firstName,
      lastName,
      name: `${firstName} ${lastName}`.trim(),
      ...(patch.image !== undefined ? { image: patch.image } : {}),
    })
    .where(eq(users.id, ctx.actor.userId));
  return getMe(ctx);
}
