import { OrganizationSchema } from '@agent-crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { meQueryOptions } from '../../../lib/auth';

export function useRenameOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      apiRequest('/organization', { method: 'PATCH', body: { name }, schema: OrganizationSchema }),
    meta: { handlesErrors: true },
    onSuccess: async (organization) => {
      queryClient.setQueryData(meQueryOptions.queryKey, (me) =>
        me ? { ...me, organization } : me,
      );
      await queryClient.invalidateQueries({ queryKey: meQueryOptions.queryKey });
    },
  });
}
