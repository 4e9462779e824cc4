import type { AuditEvent } from '@agent-crm/contracts';
import { Code, Table, Text, Tooltip } from '@mantine/core';

function formatTime(value: string): string {
  return new Date(value).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

function describeResource(event: AuditEvent): string {
  if (!event.resourceType) return '—';
  return event.resourceId ? `${event.resourceType} ${event.resourceId}` : event.resourceType;
}

export function AuditLogTable({ events }: { events: AuditEvent[] }) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="xs" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>Outcome</Table.Th>
            <Table.Th>Who</Table.Th>
            <Table.Th>Resource</Table.Th>
            <Table.Th>From</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => (
            <Table.Tr key={event.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatTime(event.createdAt)}</Table.Td>
              <Table.Td>
                <Code>{event.action}</Code>
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={500} c={event.outcome === 'success' ? 'teal' : 'red'}>
                  {event.outcome === 'success' ? 'Success' : 'Failure'}
                </Text>
              </Table.Td>
              <Table.Td>{event.actor.email ?? 'System'}</Table.Td>
              <Table.Td>
                <Text size="sm" style={{ wordBreak: 'break-all' }}>
                  {describeResource(event)}
                </Text>
              </Table.Td>
              <Table.Td>
                {event.userAgent ? (
                  <Tooltip label={event.userAgent} multiline w={320} withArrow>
                    <Text size="sm">{event.ip ?? 'Unknown'}</Text>
                  </Tooltip>
                ) : (
                  <Text size="sm">{event.ip ?? '—'}</Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
