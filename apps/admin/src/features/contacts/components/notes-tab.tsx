import type { Me, Note } from '@agent-crm/contracts';
import {
  ActionIcon,
  Card,
  EmptyState,
  Group,
  Loader,
  Stack,
  Text,
  Tooltip,
  Typography,
} from '@mantine/core';
import { IconNotes, IconPencil, IconTrash } from '@tabler/icons-react';
import { Suspense, lazy, useState } from 'react';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { QueryError } from '../../../components/ui/query-error';
import { useAddNote, useDeleteNote, useNotes, useUpdateNote } from '../api/notes';
import { formatDateTime, memberName, type CrmVocabulary } from './vocabulary';

// The editor (tiptap and ProseMirror) is the heaviest part of the screen: loaded when shown.
const NoteEditor = lazy(() => import('./note-editor').then((m) => ({ default: m.NoteEditor })));

interface NotesTabProps {
  agentId: string;
  contactId: string;
  vocabulary: CrmVocabulary;
  me: Me;
  /** Owners and admins edit and delete any note; others only their own. */
  canManage: boolean;
}

export function NotesTab({ agentId, contactId, vocabulary, me, canManage }: NotesTabProps) {
  const notes = useNotes(agentId, contactId);
  const addNote = useAddNote(agentId, contactId);
  const updateNote = useUpdateNote(agentId, contactId);
  const deleteNote = useDeleteNote(agentId, contactId);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Note | null>(null);

  const mayChange = (note: Note) => canManage || note.authorId === me.user.id;

  return (
    <Stack maw={820}>
      <Suspense fallback={<Loader size="sm" />}>
        <NoteEditor
          submitLabel="Add note"
          isPending={addNote.isPending}
          onSubmit={async (html) => {
            try {
              await addNote.mutateAsync(html);
              return true;
            } catch {
              return false;
            }
          }}
        />
      </Suspense>
      {notes.isPending ? (
        <Loader />
      ) : notes.isError ? (
        <QueryError error={notes.error} onRetry={() => void notes.refetch()} />
      ) : notes.data.length === 0 ? (
        <EmptyState
          icon={<IconNotes size={28} />}
          title="No notes yet"
          description="Notes are shared with everyone who works on this contact."
        />
      ) : (
        notes.data.map((note) => (
          <Card key={note.id} withBorder padding="md" data-testid="note">
            <Group justify="space-between" mb="xs" wrap="nowrap">
              <Text size="sm">
                <Text span fw={600}>
                  {memberName(vocabulary.members, note.authorId) ?? 'Someone'}
                </Text>{' '}
                <Text span c="dimmed" size="sm">
                  {formatDateTime(note.createdAt)}
                  {note.updatedAt !== note.createdAt ? ' · edited' : ''}
                </Text>
              </Text>
              {mayChange(note) && editingId !== note.id ? (
                <Group gap={4}>
                  <Tooltip label="Edit note" withArrow>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label="Edit note"
                      onClick={() => {
                        setEditingId(note.id);
                      }}
                    >
                      <IconPencil size={16} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label="Delete note" withArrow>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label="Delete note"
                      onClick={() => {
                        setDeleting(note);
                      }}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              ) : null}
            </Group>
            {editingId === note.id ? (
              <Suspense fallback={<Loader size="sm" />}>
                <NoteEditor
                  initialHtml={note.html}
                  submitLabel="Save note"
                  isPending={updateNote.isPending}
                  onCancel={() => {
                    setEditingId(null);
                  }}
                  onSubmit={async (html) => {
                    try {
                      await updateNote.mutateAsync({ noteId: note.id, html });
                      setEditingId(null);
                      return false;
                    } catch {
                      return false;
                    }
                  }}
                />
              </Suspense>
            ) : (
              <Typography>
                {/* The server sanitizes note HTML when it stores it. */}
                <div dangerouslySetInnerHTML={{ __html: note.html }} />
              </Typography>
            )}
          </Card>
        ))
      )}
      <ConfirmDialog
        opened={deleting !== null}
        title="Delete this note?"
        message="The note is removed for everyone. This cannot be undone."
        confirmLabel="Delete note"
        isPending={deleteNote.isPending}
        onConfirm={() => {
          if (!deleting) return;
          deleteNote.mutate(deleting.id, {
            onSuccess: () => {
              setDeleting(null);
            },
          });
        }}
        onClose={() => {
          setDeleting(null);
        }}
      />
    </Stack>
  );
}
