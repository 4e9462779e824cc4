import { AutomationSettingsSchema, type AutomationSettings } from '@agent-crm/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const automationKeys = {
  all: ['automations'] as const,
  detail: (agentId: string) => [...automationKeys.all, agentId] as const,
};

function automationsPath(agentId: string): string {
  return `/agents/${encodeURIComponent(agentId)}/automations`;
}

export function automationsQueryOptions(agentId: string) {
  return queryOptions({
    queryKey: automationKeys.detail(agentId),
    queryFn: ({ signal }) =>
      apiRequest(automationsPath(agentId), { schema: AutomationSettingsSchema, signal }),
  });
}

export function useAutomations(agentId: string) {
  return useQuery(automationsQueryOptions(agentId));
}

/** Replaces the whole settings document; the saved answer becomes the cached one. */
export function useSaveAutomations(agentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AutomationSettings) =>
      apiRequest(automationsPath(agentId), {
        method: 'PUT',
        body,
        schema: AutomationSettingsSchema,
      }),
    meta: { handlesErrors: true },
    onSuccess: (saved) => {
      queryClient.setQueryData(automationKeys.detail(agentId), saved);
    },
  });
}
