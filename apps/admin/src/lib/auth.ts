import { MeSchema, SetupStatusSchema, type Me, type Role } from '@agent-crm/contracts';
import { queryOptions, useQuery, useSuspenseQuery, type QueryClient } from '@tanstack/react-query';
import { apiRequest, isApiError } from './api-client';
import { ME_QUERY_KEY } from './query-client';

/** The signed-in member, or null when there is no session. */
async function fetchMe(signal: AbortSignal): Promise<Me | null> {
  try {
    return await apiRequest('/me', { schema: MeSchema, signal });
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export const meQueryOptions = queryOptions({
  queryKey: ME_QUERY_KEY,
  queryFn: ({ signal }) => fetchMe(signal),
  staleTime: 60_000,
});

export const setupStatusQueryOptions = queryOptions({
  queryKey: ['setup-status'],
  queryFn: ({ signal }) => apiRequest('/setup', { schema: SetupStatusSchema, signal }),
  staleTime: 60_000,
});

export function useSetupStatus() {
  return useQuery(setupStatusQueryOptions);
}

/** For screens inside the signed-in shell, whose loader guarantees a session. */
export function useMe(): Me {
  const { data } = useSuspenseQuery(meQueryOptions);
  if (!data) throw new Error('useMe used outside the signed-in shell');
  return data;
}

export function canManageAgents(role: Role): boolean {
  return role === 'owner' || role === 'admin';
}

/** Owners and admins manage an agent's CRM: settings, fields, and contacts' records as a whole. */
export function canManageCrm(role: Role): boolean {
  return role === 'owner' || role === 'admin';
}

export function canSeeOutbox(role: Role): boolean {
  return role === 'owner' || role === 'admin';
}

export function canInvite(role: Role): boolean {
  return role === 'owner' || role === 'admin';
}

/** Owners invite admins and users; admins invite users only. */
export function invitableRoles(role: Role): ('admin' | 'user')[] {
  switch (role) {
    case 'owner':
      return ['admin', 'user'];
    case 'admin':
      return ['user'];
    case 'user':
      return [];
  }
}

/** Owners remove anyone but themselves; admins remove users only. */
export function canRemoveMember(actorRole: Role, targetRole: Role): boolean {
  if (targetRole === 'owner') return false;
  if (actorRole === 'owner') return true;
  return actorRole === 'admin' && targetRole === 'user';
}

/**
 * Forgets what was cached before a session started (another account's data, "not signed in"),
 * keeping only the queries the current page still shows, so they do not refetch needlessly.
 */
export function forgetPreviousSession(queryClient: QueryClient): void {
  queryClient.removeQueries({
    predicate: (query) =>
      query.queryKey[0] === meQueryOptions.queryKey[0] || query.getObserversCount() === 0,
  });
}
