import { InvitationPreviewSchema } from '@agent-crm/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export function previewInvitation(token: string, signal?: AbortSignal) {
  return apiRequest('/invitations/preview', {
    method: 'POST',
    body: { token },
    schema: InvitationPreviewSchema,
    ...(signal ? { signal } : {}),
  });
}

export function invitationPreviewQueryOptions(token: string) {
  return queryOptions({
    queryKey: ['invitation-preview', token],
    queryFn: ({ signal }) => previewInvitation(token, signal),
    meta: { handlesErrors: true },
    staleTime: Infinity,
  });
}

export function useInvitationPreview(token: string) {
  return useQuery({ ...invitationPreviewQueryOptions(token), enabled: token.length > 0 });
}
