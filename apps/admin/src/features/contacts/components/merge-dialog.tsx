import type { Contact } from '@agent-crm/contracts';
import { Alert, Button, Group, Modal, Radio, Select, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { FormAlert } from '../../../components/ui/form-alert';
import { describeError, notifySuccess } from '../../../lib/notify';
import { useContact, useContactSearch, useMergeContacts } from '../api/contacts';
import { contactTitle, formatFieldValue, memberName, type CrmVocabulary } from './vocabulary';

type Side = 'primary' | 'secondary';

interface MergeRow {
  /** The key sent in `choose`: a built-in field, or a custom field's key. */
  key: string;
  label: string;
  primary: string;
  secondary: string;
}

function mergeRows(primary: Contact, secondary: Contact, vocabulary: CrmVocabulary): MergeRow[] {
  const member = (id: string | null) => memberName(vocabulary.members, id) ?? '';
  return [
    { key: 'name', label: 'Name', primary: primary.name ?? '', secondary: secondary.name ?? '' },
    {
      key: 'email',
      label: 'Email',
      primary: primary.email ?? '',
      secondary: secondary.email ?? '',
    },
    {
      key: 'phone',
      label: 'Mobile number',
      primary: primary.phone ?? '',
      secondary: secondary.phone ?? '',
    },
    { key: 'stage', label: 'Stage', primary: primary.stage, secondary: secondary.stage },
    { key: 'status', label: 'Status', primary: primary.status, secondary: secondary.status },
    {
      key: 'ownerId',
      label: 'Owner',
      primary: member(primary.ownerId),
      secondary: member(secondary.ownerId),
    },
    {
      key: 'secondaryOwnerId',
      label: 'Secondary owner',
      primary: member(primary.secondaryOwnerId),
      secondary: member(secondary.secondaryOwnerId),
    },
    ...vocabulary.fields.map((field) => ({
      key: field.key,
      label: field.label,
      primary: formatFieldValue(primary.fields[field.key], field),
      secondary: formatFieldValue(secondary.fields[field.key], field),
    })),
  ];
}

/** By default each field keeps this contact's value, or the other's where this one is empty. */
function defaultChoice(rows: MergeRow[]): Record<string, Side> {
  return Object.fromEntries(
    rows.map((row) => [row.key, row.primary || !row.secondary ? 'primary' : 'secondary']),
  );
}

interface MergeDialogProps {
  agentId: string;
  contact: Contact;
  vocabulary: CrmVocabulary;
  opened: boolean;
  onClose: () => void;
  onMerged: (survivor: Contact) => void;
}

export function MergeDialog({
  agentId,
  contact,
  vocabulary,
  opened,
  onClose,
  onMerged,
}: MergeDialogProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Merge contacts" size="xl">
      {opened ? (
        <MergeForm
          agentId={agentId}
          contact={contact}
          vocabulary={vocabulary}
          onClose={onClose}
          onMerged={onMerged}
        />
      ) : null}
    </Modal>
  );
}

function MergeForm({
  agentId,
  contact,
  vocabulary,
  onClose,
  onMerged,
}: Omit<MergeDialogProps, 'opened'>) {
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const [otherId, setOtherId] = useState<string | null>(null);
  const results = useContactSearch(agentId, debouncedSearch);
  const other = useContact(agentId, otherId ?? '', otherId !== null);
  const merge = useMergeContacts(agentId);
  const [choice, setChoice] = useState<{ otherId: string; sides: Record<string, Side> } | null>(
    null,
  );

  const options = (results.data?.data ?? [])
    .filter((item) => item.id !== contact.id)
    .map((item) => ({
      value: item.id,
      label: [contactTitle(item), item.email, item.phone].filter(Boolean).join(' · '),
    }));

  const rows = otherId && other.data ? mergeRows(contact, other.data, vocabulary) : [];
  const sides = choice && choice.otherId === otherId ? choice.sides : defaultChoice(rows);

  const submit = () => {
    if (!otherId) return;
    merge.mutate(
      { primaryId: contact.id, secondaryId: otherId, choose: sides },
      {
        onSuccess: (survivor) => {
          notifySuccess(`Merged into ${contactTitle(survivor)}`);
          onMerged(survivor);
        },
      },
    );
  };

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        Choose the contact to merge into {contactTitle(contact)}, then which value each field keeps.
        Notes, files, form submissions and conversations of both are kept; the other contact is
        removed.
      </Text>
      <Select
        label="Merge with"
        placeholder="Search by name, email or phone"
        searchable
        clearable
        searchValue={search}
        onSearchChange={setSearch}
        data={options}
        // The server already searched; keep its matches whatever the label contains.
        filter={({ options: all }) => all}
        nothingFoundMessage={
          debouncedSearch.length >= 2 ? 'No other contact matches' : 'Type 2 or more characters'
        }
        value={otherId}
        onChange={setOtherId}
      />
      {merge.isError ? <FormAlert message={describeError(merge.error).message} /> : null}
      {otherId && other.isPending ? <Text size="sm">Loading…</Text> : null}
      {rows.length > 0 && other.data ? (
        <>
          <Alert variant="light" icon={<IconInfoCircle size={18} />}>
            Pick the value that survives for each field.
          </Alert>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Field</Table.Th>
                <Table.Th>{contactTitle(contact)} (this contact)</Table.Th>
                <Table.Th>{contactTitle(other.data)}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.key}>
                  <Table.Td fw={500}>{row.label}</Table.Td>
                  {(['primary', 'secondary'] as const).map((side) => (
                    <Table.Td key={side}>
                      <Radio
                        name={`merge-${row.key}`}
                        aria-label={`${row.label}: keep ${side === 'primary' ? 'this contact' : 'the other contact'}'s value`}
                        label={row[side] || '—'}
                        checked={sides[row.key] === side}
                        onChange={() => {
                          if (otherId) setChoice({ otherId, sides: { ...sides, [row.key]: side } });
                        }}
                      />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button disabled={!other.data} loading={merge.isPending} onClick={submit}>
          Merge
        </Button>
      </Group>
    </Stack>
  );
}
