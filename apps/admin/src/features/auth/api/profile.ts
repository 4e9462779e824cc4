import { MeSchema, type ProfileBody } from '@agent-crm/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { meQueryOptions } from '../../../lib/auth';

export function updateProfile(body: ProfileBody) {
  return apiRequest('/me', { method: 'PATCH', body, schema: MeSchema });
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateProfile,
    meta: { handlesErrors: true },
    onSuccess: (me) => {
      queryClient.setQueryData(meQueryOptions.queryKey, me);
    },
  });
}
