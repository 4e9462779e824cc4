import {
  IdSchema,
  InvitationAcceptSchema,
  InvitationCreateSchema,
  InvitationPreviewSchema,
  InvitationSchema,
  MemberPatchSchema,
  MemberSchema,
  OrganizationPatchSchema,
  OrganizationSchema,
  TransferOwnershipBodySchema,
  UserSchema,
} from '@agent-crm/contracts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { authRateLimit, publicContext, setCookies } from '../../lib/request';
import { access, memberContext, typed } from '../../lib/route';
import {
  acceptInvitation,
  changeMemberRole,
  createInvitation,
  listInvitations,
  listMembers,
  previewInvitation,
  removeMember,
  renameOrganization,
  resendInvitation,
  revokeInvitation,
  transferOwnership,
} from './organizations.service';

const MemberParams = z.object({ memberId: IdSchema });
const InvitationParams = z.object({ invitationId: IdSchema });

export function organizationRoutes(app: FastifyInstance): void {
  const r = typed(app);
  const tags = ['organization'];

  r.patch('/api/v1/organization', {
    config: {
      access: access.member('owner'),
      audit: { action: 'organization.update', resourceType: 'organization' },
    },
    schema: {
      tags,
      summary: 'Rename the organization',
      body: OrganizationPatchSchema,
      response: { 200: OrganizationSchema },
    },
    handler: (request) => renameOrganization(memberContext(request), request.body.name),
  });

  r.post('/api/v1/organization/transfer-ownership', {
    config: {
      access: access.member('owner'),
      audit: { action: 'organization.transfer_ownership', resourceType: 'member' },
    },
    schema: {
      tags,
      summary: 'Make another member the owner (you become an Admin)',
      body: TransferOwnershipBodySchema,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      request.auditResourceId = request.body.memberId;
      await transferOwnership(memberContext(request), request.body.memberId);
      return reply.code(204).send(null);
    },
  });

  r.get('/api/v1/members', {
    config: { access: access.member() },
    schema: {
      tags,
      summary: 'Members of the organization',
      response: { 200: z.object({ data: z.array(MemberSchema) }) },
    },
    handler: async (request) => ({ data: await listMembers(memberContext(request)) }),
  });

  r.patch('/api/v1/members/:memberId', {
    config: {
      access: access.member('owner'),
      audit: { action: 'member.update_role', resourceType: 'member' },
    },
    schema: {
      tags,
      summary: "Change a member's role",
      params: MemberParams,
      body: MemberPatchSchema,
      response: { 200: MemberSchema },
    },
    handler: (request) =>
      changeMemberRole(memberContext(request), request.params.memberId, request.body.role),
  });

  r.delete('/api/v1/members/:memberId', {
    config: {
      access: access.member('owner', 'admin'),
      audit: { action: 'member.remove', resourceType: 'member' },
    },
    schema: { tags, summary: 'Remove a member', params: MemberParams, response: { 204: z.null() } },
    handler: async (request, reply) => {
      await removeMember(memberContext(request), request.params.memberId);
      return reply.code(204).send(null);
    },
  });

  r.get('/api/v1/invitations', {
    config: { access: access.member('owner', 'admin') },
    schema: {
      tags,
      summary: 'Pending invitations',
      response: { 200: z.object({ data: z.array(InvitationSchema.omit({ acceptUrl: true })) }) },
    },
    handler: async (request) => ({ data: await listInvitations(memberContext(request)) }),
  });

  r.post('/api/v1/invitations', {
    config: {
      access: access.member('owner', 'admin'),
      audit: { action: 'invitation.create', resourceType: 'invitation' },
    },
    schema: {
      tags,
      summary: 'Invite someone by email',
      body: InvitationCreateSchema,
      response: { 201: InvitationSchema },
    },
    handler: async (request, reply) => {
      reply.code(201);
      return createInvitation(memberContext(request), request.body);
    },
  });

  r.post('/api/v1/invitations/:invitationId/resend', {
    config: {
      access: access.member('owner', 'admin'),
      audit: { action: 'invitation.resend', resourceType: 'invitation' },
    },
    schema: {
      tags,
      summary: 'Send a new link (the old one stops working)',
      params: InvitationParams,
      response: { 201: InvitationSchema },
    },
    handler: async (request, reply) => {
      reply.code(201);
      return resendInvitation(memberContext(request), request.params.invitationId);
    },
  });

  r.delete('/api/v1/invitations/:invitationId', {
    config: {
      access: access.member('owner', 'admin'),
      audit: { action: 'invitation.revoke', resourceType: 'invitation' },
    },
    schema: {
      tags,
      summary: 'Revoke an invitation',
      params: InvitationParams,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await revokeInvitation(memberContext(request), request.params.invitationId);
      return reply.code(204).send(null);
    },
  });

  // The token travels in bodies, never in URLs, so it does not end up in logs.
  r.post('/api/v1/invitations/preview', {
    config: {
      access: access.public,
      audit: false,
      rateLimit: { max: authRateLimit, timeWindow: 60_000 },
    },
    schema: {
      tags,
      summary: 'Who an invitation is for (before accepting it)',
      body: InvitationAcceptSchema.pick({ token: true }),
      response: { 200: InvitationPreviewSchema },
    },
    handler: (request) => previewInvitation(publicContext(request), request.body.token),
  });

  r.post('/api/v1/invitations/accept', {
    config: {
      access: access.public,
      audit: false,
      rateLimit: { max: authRateLimit, timeWindow: 60_000 },
    },
    schema: {
      tags,
      summary: 'Accept an invitation: create your account and sign in',
      body: InvitationAcceptSchema,
      response: { 201: z.object({ user: UserSchema }) },
    },
    handler: async (request, reply) => {
      const ctx = publicContext(request);
      const { user, setCookie } = await acceptInvitation(ctx, request.headers, request.body);
      setCookies(reply, setCookie);
      reply.code(201);
      return { user };
    },
  });
}
