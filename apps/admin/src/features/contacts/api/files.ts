import { FileListSchema } from '@agent-crm/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, apiUpload, buildApiUrl } from '../../../lib/api-client';
import { contactKeys } from './contacts';

export const fileKeys = {
  list: (agentId: string, contactId: string) => ['contact-files', agentId, contactId] as const,
};

function filesPath(agentId: string, contactId: string, fileId?: string): string {
  const base = `/agents/${encodeURIComponent(agentId)}/contacts/${encodeURIComponent(contactId)}/files`;
  return fileId ? `${base}/${encodeURIComponent(fileId)}` : base;
}

/** Where the browser downloads a file from (a plain link; the session cookie authorizes it). */
export function fileDownloadUrl(agentId: string, contactId: string, fileId: string): string {
  return buildApiUrl(filesPath(agentId, contactId, fileId));
}

export function filesQueryOptions(agentId: string, contactId: string) {
  return queryOptions({
    queryKey: fileKeys.list(agentId, contactId),
    queryFn: ({ signal }) =>
      apiRequest(filesPath(agentId, contactId), { schema: FileListSchema, signal }),
    select: (result) => result.data,
  });
}

export function useFiles(agentId: string, contactId: string) {
  return useQuery(filesQueryOptions(agentId, contactId));
}

function useRefreshFiles(agentId: string, contactId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: fileKeys.list(agentId, contactId) }),
      queryClient.invalidateQueries({ queryKey: contactKeys.activity(agentId, contactId) }),
    ]);
}

/** One file per request, so each shows its own progress and its own error (e.g. too large). */
export function useUploadFile(agentId: string, contactId: string) {
  const refresh = useRefreshFiles(agentId, contactId);
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress: (fraction: number) => void }) =>
      apiUpload(filesPath(agentId, contactId), file, {
        fieldName: 'file',
        schema: FileListSchema,
        onProgress,
      }),
    meta: { handlesErrors: true },
    onSuccess: refresh,
  });
}

export function useDeleteFile(agentId: string, contactId: string) {
  const refresh = useRefreshFiles(agentId, contactId);
  return useMutation({
    mutationFn: (fileId: string) =>
      apiRequest(filesPath(agentId, contactId, fileId), { method: 'DELETE' }),
    onSuccess: refresh,
  });
}
