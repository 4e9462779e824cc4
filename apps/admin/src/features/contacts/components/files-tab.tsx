import '@mantine/dropzone/styles.css';
import type { Me } from '@agent-crm/contracts';
import {
  ActionIcon,
  Anchor,
  EmptyState,
  Group,
  Loader,
  Progress,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { Dropzone, type FileWithPath } from '@mantine/dropzone';
import { IconFiles, IconTrash, IconUpload, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { QueryError } from '../../../components/ui/query-error';
import { describeError } from '../../../lib/notify';
import { fileDownloadUrl, useDeleteFile, useFiles, useUploadFile } from '../api/files';
import type { ContactFile } from '@agent-crm/contracts';
import { formatDateTime, memberName, type CrmVocabulary } from './vocabulary';

interface Upload {
  key: string;
  name: string;
  progress: number;
  error: string | null;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

interface FilesTabProps {
  agentId: string;
  contactId: string;
  vocabulary: CrmVocabulary;
  me: Me;
  canManage: boolean;
}

export function FilesTab({ agentId, contactId, vocabulary, me, canManage }: FilesTabProps) {
  const files = useFiles(agentId, contactId);
  const upload = useUploadFile(agentId, contactId);
  const deleteFile = useDeleteFile(agentId, contactId);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [deleting, setDeleting] = useState<ContactFile | null>(null);

  const patchUpload = (key: string, change: Partial<Upload>) => {
    setUploads((current) =>
      current.map((item) => (item.key === key ? { ...item, ...change } : item)),
    );
  };

  const handleDrop = (dropped: FileWithPath[]) => {
    const batch = dropped.map((file) => ({
      file,
      upload: { key: crypto.randomUUID(), name: file.name, progress: 0, error: null },
    }));
    setUploads((current) => [...current, ...batch.map((item) => item.upload)]);
    // mutateAsync, not mutate: mutate's callbacks fire only for the last of concurrent calls.
    for (const { file, upload: item } of batch) {
      upload
        .mutateAsync({
          file,
          onProgress: (fraction) => {
            patchUpload(item.key, { progress: Math.round(fraction * 100) });
          },
        })
        .then(
          () => {
            setUploads((current) => current.filter((entry) => entry.key !== item.key));
          },
          (error: unknown) => {
            patchUpload(item.key, { error: describeError(error).message });
          },
        );
    }
  };

  return (
    <Stack maw={900}>
      <Dropzone onDrop={handleDrop} multiple aria-label="Upload files">
        <Group justify="center" gap="md" mih={100} style={{ pointerEvents: 'none' }}>
          <Dropzone.Accept>
            <IconUpload size={36} />
          </Dropzone.Accept>
          <Dropzone.Reject>
            <IconX size={36} />
          </Dropzone.Reject>
          <Dropzone.Idle>
            <IconFiles size={36} stroke={1.5} />
          </Dropzone.Idle>
          <div>
            <Text size="md">Drop files here or click to choose</Text>
            <Text size="sm" c="dimmed">
              Several at once; each is checked against the CRM&apos;s file size limit.
            </Text>
          </div>
        </Group>
      </Dropzone>
      {uploads.map((item) => (
        <Group key={item.key} gap="sm" wrap="nowrap" data-testid="upload">
          <Text size="sm" w={240} truncate>
            {item.name}
          </Text>
          {item.error ? (
            <>
              <Text size="sm" c="red" role="alert" style={{ flex: 1 }}>
                {item.error}
              </Text>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={`Dismiss ${item.name}`}
                onClick={() => {
                  setUploads((current) => current.filter((entry) => entry.key !== item.key));
                }}
              >
                <IconX size={16} />
              </ActionIcon>
            </>
          ) : (
            <Progress
              value={item.progress}
              style={{ flex: 1 }}
              animated
              aria-label={`Uploading ${item.name}`}
            />
          )}
        </Group>
      ))}
      {files.isPending ? (
        <Loader />
      ) : files.isError ? (
        <QueryError error={files.error} onRetry={() => void files.refetch()} />
      ) : files.data.length === 0 ? (
        <EmptyState
          icon={<IconFiles size={28} />}
          title="No files yet"
          description="Uploaded files appear here."
        />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>File</Table.Th>
                <Table.Th>Type</Table.Th>
                <Table.Th>Size</Table.Th>
                <Table.Th>Uploaded</Table.Th>
                <Table.Th w={48} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {files.data.map((file) => (
                <Table.Tr key={file.id}>
                  <Table.Td>
                    <Anchor
                      href={fileDownloadUrl(agentId, contactId, file.id)}
                      download={file.fileName}
                      size="sm"
                    >
                      {file.fileName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {file.contentType}
                    </Text>
                  </Table.Td>
                  <Table.Td>{formatSize(file.sizeBytes)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {formatDateTime(file.createdAt)}
                      {file.uploadedBy
                        ? ` by ${memberName(vocabulary.members, file.uploadedBy) ?? ''}`
                        : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {canManage || file.uploadedBy === me.user.id ? (
                      <Tooltip label="Delete file" withArrow>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`Delete ${file.fileName}`}
                          onClick={() => {
                            setDeleting(file);
                          }}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ConfirmDialog
        opened={deleting !== null}
        title="Delete this file?"
        message={
          deleting ? `${deleting.fileName} is removed for everyone. This cannot be undone.` : ''
        }
        confirmLabel="Delete file"
        isPending={deleteFile.isPending}
        onConfirm={() => {
          if (!deleting) return;
          deleteFile.mutate(deleting.id, {
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
