import type { InvitationAcceptSchema, SignInBodySchema } from '@agent-crm/contracts';
import { SessionResponseSchema, type SetupBody } from '@agent-crm/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export type SignInInput = ReturnType<typeof SignInBodySchema.parse>;
export type AcceptInvitationInput = ReturnType<typeof InvitationAcceptSchema.parse>;

const SignedInSchema = SessionResponseSchema.pick({ user: true });

export function setupOrganization(body: SetupBody) {
  return apiRequest('/setup', { method: 'POST', body, schema: SessionResponseSchema });
}

export function signUp(body: SetupBody) {
  return apiRequest('/auth/sign-up', { method: 'POST', body, schema: SessionResponseSchema });
}

export function signIn(body: SignInInput) {
  return apiRequest('/auth/sign-in', { method: 'POST', body, schema: SignedInSchema });
}

export function signOut() {
  return apiRequest('/auth/sign-out', { method: 'POST' });
}

export function acceptInvitation(body: AcceptInvitationInput) {
  return apiRequest('/invitations/accept', {
    method: 'POST',
    body,
    schema: SignedInSchema,
  });
}

export function useSetupOrganization() {
  return useMutation({ mutationFn: setupOrganization, meta: { handlesErrors: true } });
}

export function useSignUp() {
  return useMutation({ mutationFn: signUp, meta: { handlesErrors: true } });
}

export function useSignIn() {
  return useMutation({ mutationFn: signIn, meta: { handlesErrors: true } });
}

export function useSignOut() {
  return useMutation({ mutationFn: signOut });
}

export function useAcceptInvitation() {
  return useMutation({ mutationFn: acceptInvitation, meta: { handlesErrors: true } });
}
