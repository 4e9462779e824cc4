import {
  CrmSettingsSchema,
  PipelineItemSchema,
  type CrmSettings,
  type PipelineKind,
} from '@agent-crm/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export const crmSettingsKeys = {
  all: ['crm-settings'] as const,
  detail: (agentId: string) => [...crmSettingsKeys.all, agentId] as const,
};

function settingsPath(agentId: string): string {
  return `/agents/${encodeURIComponent(agentId)}/crm-settings`;
}

function itemPath(agentId: string, kind: PipelineKind, itemId?: string): string {
  const base = `${settingsPath(agentId)}/${kind}`;
  return itemId ? `${base}/${encodeURIComponent(itemId)}` : base;
}

export function crmSettingsQueryOptions(agentId: string) {
  return queryOptions({
    queryKey: crmSettingsKeys.detail(agentId),
    queryFn: ({ signal }) =>
      apiRequest(settingsPath(agentId), { schema: CrmSettingsSchema, signal }),
  });
}

export function useCrmSettings(agentId: string) {
  return useQuery(crmSettingsQueryOptions(agentId));
}

export interface CrmGeneralSettings {
  defaultCountry: string;
  fileSizeLimitMb: number;
}

export function useUpdateCrmSettings(agentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CrmGeneralSettings) =>
      apiRequest(settingsPath(agentId), { method: 'PATCH', body }),
    meta: { handlesErrors: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: crmSettingsKeys.detail(agentId) }),
  });
}

export function useAddPipelineItem(agentId: string, kind: PipelineKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      apiRequest(itemPath(agentId, kind), {
        method: 'POST',
        body: { name },
        schema: PipelineItemSchema,
      }),
    meta: { handlesErrors: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: crmSettingsKeys.detail(agentId) }),
  });
}

export function useRenamePipelineItem(agentId: string, kind: PipelineKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, name }: { itemId: string; name: string }) =>
      apiRequest(itemPath(agentId, kind, itemId), {
        method: 'PATCH',
        body: { name },
        schema: PipelineItemSchema,
      }),
    meta: { handlesErrors: true },
    // Contacts carry the stage or status by name, so they change with it.
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

export function useRemovePipelineItem(agentId: string, kind: PipelineKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, moveTo }: { itemId: string; moveTo: string }) =>
      apiRequest(itemPath(agentId, kind, itemId), { method: 'DELETE', query: { moveTo } }),
    meta: { handlesErrors: true },
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

/** Shows the new order at once and returns to the server's if it is refused. */
export function useReorderPipeline(agentId: string, kind: PipelineKind) {
  const queryClient = useQueryClient();
  const key = crmSettingsKeys.detail(agentId);
  return useMutation({
    mutationFn: (ids: string[]) =>
      apiRequest(`${itemPath(agentId, kind)}/order`, { method: 'PUT', body: { ids } }),
    onMutate: async (ids) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<CrmSettings>(key);
      if (previous) {
        const byId = new Map(previous[kind].map((item) => [item.id, item]));
        queryClient.setQueryData<CrmSettings>(key, {
          ...previous,
          [kind]: ids.flatMap((id, position) => {
            const item = byId.get(id);
            return item ? [{ ...item, position }] : [];
          }),
        });
      }
      return { previous };
    },
    onError: (_error, _variables, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
