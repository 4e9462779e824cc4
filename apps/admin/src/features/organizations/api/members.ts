import { MemberSchema, pageOf, type Member } from '@agent-crm/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { meQueryOptions } from '../../../lib/auth';

const MemberListSchema = pageOf(MemberSchema).pick({ data: true });

export const memberKeys = {
  all: ['members'] as const,
  list: () => [...memberKeys.all, 'list'] as const,
};

export function membersQueryOptions() {
  return queryOptions({
    queryKey: memberKeys.list(),
    queryFn: ({ signal }) => apiRequest('/members', { schema: MemberListSchema, signal }),
  });
}

export function useMembers() {
  return useQuery(membersQueryOptions());
}

export function useChangeMemberRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ memberId, role }: { memberId: string; role: 'admin' | 'user' }) =>
      apiRequest(`/members/${encodeURIComponent(memberId)}`, {
        method: 'PATCH',
        body: { role },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: memberKeys.all }),
  });
}

export function useRemoveMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (member: Member) =>
      apiRequest(`/members/${encodeURIComponent(member.id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: memberKeys.all }),
  });
}

export function useTransferOwnership() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (memberId: string) =>
      apiRequest('/organization/transfer-ownership', { method: 'POST', body: { memberId } }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: meQueryOptions.queryKey }),
        queryClient.invalidateQueries({ queryKey: memberKeys.all }),
      ]);
    },
  });
}
