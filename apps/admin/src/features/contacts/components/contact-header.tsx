import type { Contact } from '@agent-crm/contracts';
import {
  ActionIcon,
  Badge,
  Button,
  CopyButton,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconArchive,
  IconArrowBackUp,
  IconArrowsJoin,
  IconCheck,
  IconCopy,
  IconTrash,
} from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { notifySuccess } from '../../../lib/notify';
import {
  useArchiveContact,
  useDeleteContact,
  useRestoreContact,
  useUpdateContact,
} from '../api/contacts';
import {
  contactTitle,
  formatDate,
  memberOptions,
  sourceLabel,
  type CrmVocabulary,
} from './vocabulary';

interface ContactHeaderProps {
  agentId: string;
  contact: Contact;
  vocabulary: CrmVocabulary;
  /** Owners and admins: owners, archive, delete, merge. Everyone may change stage and status. */
  canManage: boolean;
  onMerge: () => void;
}

function CopyValue({ label, value }: { label: string; value: string | null }) {
  if (!value) return null;
  return (
    <Group gap={4} wrap="nowrap">
      <Text size="sm" c="dimmed">
        {value}
      </Text>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : `Copy ${label}`} withArrow>
            <ActionIcon
              variant="subtle"
              size="sm"
              color={copied ? 'teal' : 'gray'}
              onClick={copy}
              aria-label={`Copy ${label}`}
            >
              {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}

/** Keeps a value that is no longer in the list (a removed stage, a former member) selectable. */
function withCurrent(options: { value: string; label: string }[], current: string | null) {
  if (!current || options.some((option) => option.value === current)) return options;
  return [...options, { value: current, label: current }];
}

export function ContactHeader({
  agentId,
  contact,
  vocabulary,
  canManage,
  onMerge,
}: ContactHeaderProps) {
  const navigate = useNavigate();
  const update = useUpdateContact(agentId, contact.id);
  const archive = useArchiveContact(agentId);
  const restore = useRestoreContact(agentId);
  const remove = useDeleteContact(agentId);
  const [isDeleteOpen, deleteDialog] = useDisclosure(false);
  const title = contactTitle(contact);
  const members = memberOptions(vocabulary.members);
  const isArchived = contact.archivedAt !== null;

  return (
    <Stack gap="md" mb="lg">
      <Group justify="space-between" align="flex-start">
        <Stack gap={6}>
          <Group gap="sm" align="center">
            <Title order={2}>{title}</Title>
            {contact.name ? (
              <CopyButton value={contact.name}>
                {({ copied, copy }) => (
                  <Tooltip label={copied ? 'Copied' : 'Copy name'} withArrow>
                    <ActionIcon
                      variant="subtle"
                      color={copied ? 'teal' : 'gray'}
                      onClick={copy}
                      aria-label="Copy name"
                    >
                      {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                    </ActionIcon>
                  </Tooltip>
                )}
              </CopyButton>
            ) : null}
            <Badge variant="light" color="grape" data-testid="contact-source">
              via {sourceLabel(contact.source)}
            </Badge>
            {isArchived ? (
              <Badge color="gray" variant="filled">
                Archived
              </Badge>
            ) : null}
          </Group>
          <Group gap="lg">
            <CopyValue label="email" value={contact.email} />
            <CopyValue label="phone" value={contact.phone} />
            <Text size="sm" c="dimmed">
              Created {formatDate(contact.createdAt)}
            </Text>
          </Group>
        </Stack>
        {canManage ? (
          <Group gap="sm">
            <Button variant="default" leftSection={<IconArrowsJoin size={16} />} onClick={onMerge}>
              Merge
            </Button>
            {isArchived ? (
              <Button
                variant="default"
                leftSection={<IconArrowBackUp size={16} />}
                loading={restore.isPending}
                onClick={() => {
                  restore.mutate(contact.id, {
                    onSuccess: () => {
                      notifySuccess(`Restored ${title}`);
                    },
                  });
                }}
              >
                Restore
              </Button>
            ) : (
              <Button
                variant="default"
                leftSection={<IconArchive size={16} />}
                loading={archive.isPending}
                onClick={() => {
                  archive.mutate(contact.id, {
                    onSuccess: () => {
                      notifySuccess(`Archived ${title}`);
                    },
                  });
                }}
              >
                Archive
              </Button>
            )}
            <Button
              color="red"
              variant="light"
              leftSection={<IconTrash size={16} />}
              onClick={deleteDialog.open}
            >
              Delete permanently
            </Button>
          </Group>
        ) : null}
      </Group>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          <Select
            label="Owner"
            placeholder="Unassigned"
            clearable
            searchable
            disabled={!canManage}
            data={withCurrent(members, contact.ownerId)}
            value={contact.ownerId}
            onChange={(ownerId) => {
              update.mutate({ ownerId });
            }}
          />
          <Select
            label="Secondary owner"
            placeholder="None"
            clearable
            searchable
            disabled={!canManage}
            data={withCurrent(members, contact.secondaryOwnerId)}
            value={contact.secondaryOwnerId}
            onChange={(secondaryOwnerId) => {
              update.mutate({ secondaryOwnerId });
            }}
          />
          <Select
            label="Stage"
            allowDeselect={false}
            data={withCurrent(
              vocabulary.stages.map((stage) => ({ value: stage, label: stage })),
              contact.stage,
            )}
            value={contact.stage}
            onChange={(stage) => {
              if (stage) update.mutate({ stage });
            }}
          />
          <Select
            label="Status"
            allowDeselect={false}
            data={withCurrent(
              vocabulary.statuses.map((status) => ({ value: status, label: status })),
              contact.status,
            )}
            value={contact.status}
            onChange={(status) => {
              if (status) update.mutate({ status });
            }}
          />
        </SimpleGrid>
      </Paper>
      <ConfirmDialog
        opened={isDeleteOpen}
        title={`Delete ${title} permanently?`}
        message="This erases the contact with its notes, files and form submissions; conversations are kept but anonymized. It cannot be undone. To hide the contact instead, archive it."
        confirmLabel="Delete permanently"
        isPending={remove.isPending}
        onConfirm={() => {
          remove.mutate(contact.id, {
            onSuccess: () => {
              deleteDialog.close();
              notifySuccess(`Deleted ${title}`);
              void navigate(`/agents/${agentId}/contacts`, { replace: true });
            },
          });
        }}
        onClose={deleteDialog.close}
      />
    </Stack>
  );
}
