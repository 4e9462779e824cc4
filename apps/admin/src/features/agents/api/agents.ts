import {
  AgentAccessSchema,
  AgentSchema,
  pageOf,
  type Agent,
  type AgentPatch,
} from '@agent-crm/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

const AgentPageSchema = pageOf(AgentSchema);

/** What the create dialog sends; the server fills defaults for the rest. */
export interface AgentCreateInput {
  name: string;
  visibility: Agent['visibility'];
  accessMode: Agent['accessMode'];
  defaultCountry: string;
}

export const agentKeys = {
  all: ['agents'] as const,
  list: () => [...agentKeys.all, 'list'] as const,
  detail: (agentId: string) => [...agentKeys.all, 'detail', agentId] as const,
  access: (agentId: string) => [...agentKeys.all, 'access', agentId] as const,
};

export function agentsQueryOptions() {
  return queryOptions({
    queryKey: agentKeys.list(),
    // The switcher shows every agent; 200 is the API's page ceiling.
    queryFn: ({ signal }) =>
      apiRequest('/agents', { query: { limit: 200 }, schema: AgentPageSchema, signal }),
  });
}

export function agentQueryOptions(agentId: string) {
  return queryOptions({
    queryKey: agentKeys.detail(agentId),
    queryFn: ({ signal }) =>
      apiRequest(`/agents/${encodeURIComponent(agentId)}`, { schema: AgentSchema, signal }),
    meta: { handlesErrors: true },
  });
}

export function agentAccessQueryOptions(agentId: string) {
  return queryOptions({
    queryKey: agentKeys.access(agentId),
    queryFn: ({ signal }) =>
      apiRequest(`/agents/${encodeURIComponent(agentId)}/access`, {
        schema: AgentAccessSchema,
        signal,
      }),
  });
}

export function useAgents() {
  return useQuery(agentsQueryOptions());
}

export function useAgent(agentId: string) {
  return useQuery(agentQueryOptions(agentId));
}

export function useAgentAccess(agentId: string, enabled: boolean) {
  return useQuery({ ...agentAccessQueryOptions(agentId), enabled });
}

export function useCreateAgent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AgentCreateInput) =>
      apiRequest('/agents', { method: 'POST', body, schema: AgentSchema }),
    meta: { handlesErrors: true },
    onSuccess: async (agent) => {
      queryClient.setQueryData(agentKeys.detail(agent.id), agent);
      await queryClient.invalidateQueries({ queryKey: agentKeys.list() });
    },
  });
}

export function useUpdateAgent(agentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AgentPatch) =>
      apiRequest(`/agents/${encodeURIComponent(agentId)}`, {
        method: 'PATCH',
        body,
        schema: AgentSchema,
      }),
    meta: { handlesErrors: true },
    onSuccess: async (agent) => {
      queryClient.setQueryData(agentKeys.detail(agent.id), agent);
      await queryClient.invalidateQueries({ queryKey: agentKeys.list() });
    },
  });
}

export function useDuplicateAgent(agentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiRequest(`/agents/${encodeURIComponent(agentId)}/duplicate`, {
        method: 'POST',
        schema: AgentSchema,
      }),
    onSuccess: async (agent) => {
      queryClient.setQueryData(agentKeys.detail(agent.id), agent);
      await queryClient.invalidateQueries({ queryKey: agentKeys.list() });
    },
  });
}

export function useDeleteAgent(agentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest(`/agents/${encodeURIComponent(agentId)}`, { method: 'DELETE' }),
    // Only marked stale: refetching now would show "not found" on the page being left. The next
    // screen's loader fetches the list again.
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: agentKeys.all, refetchType: 'none' }),
  });
}

export function useUpdateAgentAccess(agentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (memberIds: string[]) =>
      apiRequest(`/agents/${encodeURIComponent(agentId)}/access`, {
        method: 'PUT',
        body: { memberIds },
      }),
    // The answer is not needed (it may be the same body or a 204): what was sent is the new state.
    onSuccess: async (_result, memberIds) => {
      queryClient.setQueryData(agentKeys.access(agentId), { memberIds });
      await queryClient.invalidateQueries({ queryKey: agentKeys.access(agentId) });
    },
  });
}
