import { NoteSchema, pageOf } from '@agent-crm/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { contactKeys } from './contacts';

const NoteListSchema = pageOf(NoteSchema).pick({ data: true });

export const noteKeys = {
  list: (agentId: string, contactId: string) => ['contact-notes', agentId, contactId] as const,
};

function notesPath(agentId: string, contactId: string, noteId?: string): string {
  const base = `/agents/${encodeURIComponent(agentId)}/contacts/${encodeURIComponent(contactId)}/notes`;
  return noteId ? `${base}/${encodeURIComponent(noteId)}` : base;
}

export function notesQueryOptions(agentId: string, contactId: string) {
  return queryOptions({
    queryKey: noteKeys.list(agentId, contactId),
    queryFn: ({ signal }) =>
      apiRequest(notesPath(agentId, contactId), { schema: NoteListSchema, signal }),
    // Newest first, whatever order the server keeps.
    select: (result) => [...result.data].sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
  });
}

export function useNotes(agentId: string, contactId: string) {
  return useQuery(notesQueryOptions(agentId, contactId));
}

function useRefreshNotes(agentId: string, contactId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: noteKeys.list(agentId, contactId) }),
      queryClient.invalidateQueries({ queryKey: contactKeys.activity(agentId, contactId) }),
    ]);
}

export function useAddNote(agentId: string, contactId: string) {
  const refresh = useRefreshNotes(agentId, contactId);
  return useMutation({
    mutationFn: (html: string) =>
      apiRequest(notesPath(agentId, contactId), {
        method: 'POST',
        body: { html },
        schema: NoteSchema,
      }),
    onSuccess: refresh,
  });
}

export function useUpdateNote(agentId: string, contactId: string) {
  const refresh = useRefreshNotes(agentId, contactId);
  return useMutation({
    mutationFn: ({ noteId, html }: { noteId: string; html: string }) =>
      apiRequest(notesPath(agentId, contactId, noteId), {
        method: 'PATCH',
        body: { html },
        schema: NoteSchema,
      }),
    onSuccess: refresh,
  });
}

export function useDeleteNote(agentId: string, contactId: string) {
  const refresh = useRefreshNotes(agentId, contactId);
  return useMutation({
    mutationFn: (noteId: string) =>
      apiRequest(notesPath(agentId, contactId, noteId), { method: 'DELETE' }),
    onSuccess: refresh,
  });
}
