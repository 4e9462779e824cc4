import {
  CustomFieldSchema,
  pageOf,
  type CustomField,
  type CustomFieldCreate,
  type CustomFieldPatch,
} from '@agent-crm/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

const FieldListSchema = pageOf(CustomFieldSchema).pick({ data: true });

export const customFieldKeys = {
  all: ['custom-fields'] as const,
  list: (agentId: string) => [...customFieldKeys.all, agentId] as const,
};

function fieldsPath(agentId: string, fieldId?: string): string {
  const base = `/agents/${encodeURIComponent(agentId)}/fields`;
  return fieldId ? `${base}/${encodeURIComponent(fieldId)}` : base;
}

export function customFieldsQueryOptions(agentId: string) {
  return queryOptions({
    queryKey: customFieldKeys.list(agentId),
    queryFn: ({ signal }) => apiRequest(fieldsPath(agentId), { schema: FieldListSchema, signal }),
    select: (result) => [...result.data].sort((a, b) => a.position - b.position),
  });
}

export function useCustomFields(agentId: string) {
  return useQuery(customFieldsQueryOptions(agentId));
}

export function useCreateCustomField(agentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CustomFieldCreate) =>
      apiRequest(fieldsPath(agentId), { method: 'POST', body, schema: CustomFieldSchema }),
    meta: { handlesErrors: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customFieldKeys.list(agentId) }),
  });
}

export function useUpdateCustomField(agentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ fieldId, patch }: { fieldId: string; patch: CustomFieldPatch }) =>
      apiRequest(fieldsPath(agentId, fieldId), {
        method: 'PATCH',
        body: patch,
        schema: CustomFieldSchema,
      }),
    meta: { handlesErrors: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customFieldKeys.list(agentId) }),
  });
}

/** The Allow for AI switch flips in place: shown at once, put back if the server refuses. */
export function useToggleFieldForAi(agentId: string) {
  const queryClient = useQueryClient();
  const key = customFieldKeys.list(agentId);
  return useMutation({
    mutationFn: ({ fieldId, allowForAi }: { fieldId: string; allowForAi: boolean }) =>
      apiRequest(fieldsPath(agentId, fieldId), {
        method: 'PATCH',
        body: { allowForAi },
        schema: CustomFieldSchema,
      }),
    onMutate: async ({ fieldId, allowForAi }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<{ data: CustomField[] }>(key);
      if (previous) {
        queryClient.setQueryData(key, {
          data: previous.data.map((field) =>
            field.id === fieldId ? { ...field, allowForAi } : field,
          ),
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

export function useDeleteCustomField(agentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (fieldId: string) => apiRequest(fieldsPath(agentId, fieldId), { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customFieldKeys.list(agentId) }),
  });
}

/** Reordering shows the new order at once and returns to the server's if it is refused. */
export function useReorderCustomFields(agentId: string) {
  const queryClient = useQueryClient();
  const key = customFieldKeys.list(agentId);
  return useMutation({
    mutationFn: (fieldIds: string[]) =>
      apiRequest(`${fieldsPath(agentId)}/order`, { method: 'PUT', body: { fieldIds } }),
    onMutate: async (fieldIds) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<{ data: CustomField[] }>(key);
      if (previous) {
        const byId = new Map(previous.data.map((field) => [field.id, field]));
        queryClient.setQueryData(key, {
          data: fieldIds.flatMap((id, position) => {
            const field = byId.get(id);
            return field ? [{ ...field, position }] : [];
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
