import type { Contact } from '@agent-crm/contracts';
import { Anchor, Badge, Checkbox, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { STANDARD_COLUMNS, columnOptions } from './contact-columns';
import {
  contactTitle,
  formatDate,
  formatFieldValue,
  memberName,
  sourceLabel,
  type CrmVocabulary,
} from './vocabulary';

type StandardColumnId = (typeof STANDARD_COLUMNS)[number]['id'];

function isStandardColumn(columnId: string): columnId is StandardColumnId {
  return STANDARD_COLUMNS.some((column) => column.id === columnId);
}

interface ContactTableProps {
  agentId: string;
  contacts: Contact[];
  visibleColumns: string[];
  vocabulary: CrmVocabulary;
  /** Null when the member may not select (no bulk actions for their role). */
  selection: {
    isSelected: (contactId: string) => boolean;
    isAllLoadedSelected: boolean;
    isSomeSelected: boolean;
    toggle: (contactId: string) => void;
    toggleAllLoaded: () => void;
  } | null;
  onOpen: (contact: Contact) => void;
}

export function ContactTable({
  agentId,
  contacts,
  visibleColumns,
  vocabulary,
  selection,
  onOpen,
}: ContactTableProps) {
  const columns = columnOptions(vocabulary.fields).filter(
    (column) => column.id === 'name' || visibleColumns.includes(column.id),
  );
  const fieldsByKey = new Map(vocabulary.fields.map((field) => [field.key, field]));

  const cell = (contact: Contact, columnId: string): ReactNode => {
    if (!isStandardColumn(columnId)) {
      const key = columnId.replace(/^field:/, '');
      return formatFieldValue(contact.fields[key], fieldsByKey.get(key));
    }
    switch (columnId) {
      case 'name':
        return (
          <Anchor
            component={Link}
            to={`/agents/${agentId}/contacts/${contact.id}`}
            fw={500}
            size="sm"
            onClick={(event) => {
              event.stopPropagation();
            }}
          >
            {contactTitle(contact)}
          </Anchor>
        );
      case 'email':
        return contact.email;
      case 'phone':
        return contact.phone;
      case 'stage':
        return (
          // Badges truncate to fit a cell by default; a stage name must stay readable.
          <Badge
            variant="light"
            radius="sm"
            styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible' } }}
          >
            {contact.stage}
          </Badge>
        );
      case 'status':
        return (
          <Badge
            variant="outline"
            color="gray"
            radius="sm"
            styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible' } }}
          >
            {contact.status}
          </Badge>
        );
      case 'owner':
        return (
          memberName(vocabulary.members, contact.ownerId) ?? (
            <Text span size="sm" c="dimmed">
              Unassigned
            </Text>
          )
        );
      case 'source':
        return `via ${sourceLabel(contact.source)}`;
      case 'createdAt':
        return formatDate(contact.createdAt);
    }
  };

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            {selection ? (
              <Table.Th w={40}>
                <Checkbox
                  aria-label="Select all shown contacts"
                  checked={selection.isAllLoadedSelected}
                  indeterminate={selection.isSomeSelected && !selection.isAllLoadedSelected}
                  onChange={selection.toggleAllLoaded}
                />
              </Table.Th>
            ) : null}
            {columns.map((column) => (
              <Table.Th key={column.id} style={{ whiteSpace: 'nowrap' }}>
                {column.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {contacts.map((contact) => (
            <Table.Tr
              key={contact.id}
              style={{ cursor: 'pointer' }}
              bg={
                selection?.isSelected(contact.id) ? 'var(--mantine-primary-color-light)' : undefined
              }
              onClick={() => {
                onOpen(contact);
              }}
            >
              {selection ? (
                <Table.Td
                  onClick={(event) => {
                    event.stopPropagation();
                  }}
                >
                  <Checkbox
                    aria-label={`Select ${contactTitle(contact)}`}
                    checked={selection.isSelected(contact.id)}
                    onChange={() => {
                      selection.toggle(contact.id);
                    }}
                  />
                </Table.Td>
              ) : null}
              {columns.map((column) => (
                <Table.Td
                  key={column.id}
                  style={column.id.startsWith('field:') ? undefined : { whiteSpace: 'nowrap' }}
                >
                  {cell(contact, column.id)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
