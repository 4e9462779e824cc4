import type { OutboxEmail } from '@agent-crm/contracts';
import { Badge, Table, UnstyledButton } from '@mantine/core';

const STATUS_COLORS = { queued: 'yellow', sent: 'teal', failed: 'red', outbox: 'blue' } as const;
const STATUS_LABELS = { queued: 'Queued', sent: 'Sent', failed: 'Failed', outbox: 'In outbox' };

function formatTime(value: string): string {
  return new Date(value).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

interface OutboxTableProps {
  emails: OutboxEmail[];
  onOpen: (email: OutboxEmail) => void;
}

export function OutboxTable({ emails, onOpen }: OutboxTableProps) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Subject</Table.Th>
            <Table.Th>To</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Created</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {emails.map((email) => (
            <Table.Tr
              key={email.id}
              style={{ cursor: 'pointer' }}
              onClick={() => {
                onOpen(email);
              }}
            >
              <Table.Td>
                {/* A real button, so the row opens from the keyboard too. */}
                <UnstyledButton
                  fz="sm"
                  fw={500}
                  onClick={(event) => {
                    event.stopPropagation();
                    onOpen(email);
                  }}
                >
                  {email.subject}
                </UnstyledButton>
              </Table.Td>
              <Table.Td>{email.to}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={STATUS_COLORS[email.status]}>
                  {STATUS_LABELS[email.status]}
                </Badge>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatTime(email.createdAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
