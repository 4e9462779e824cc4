import type { ChatPerson } from '@agent-crm/contracts';
import { Avatar, Group, Loader, NavLink, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch, IconUserQuestion } from '@tabler/icons-react';
import { QueryError } from '../../../components/ui/query-error';
import { useChatPeople } from '../api/conversations';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .slice(0, 2)
    .map((part) => part.charAt(0).toUpperCase())
    .join('');
}

/** Everyone who chatted, newest activity first; "Anonymous" until they give their details. */
export function PeopleList({
  agentId,
  search,
  q,
  onSearch,
  selectedKey,
  onSelect,
}: {
  agentId: string;
  /** What the search box shows; `q` is what was searched (debounced). */
  search: string;
  q: string;
  onSearch: (q: string) => void;
  selectedKey: string | null;
  onSelect: (person: ChatPerson) => void;
}) {
  const people = useChatPeople(agentId, q);
  return (
    <Stack gap="xs">
      <TextInput
        aria-label="Search people"
        placeholder="Search name or email"
        leftSection={<IconSearch size={16} />}
        value={search}
        onChange={(event) => {
          onSearch(event.currentTarget.value);
        }}
      />
      {people.isPending ? <Loader size="sm" m="md" /> : null}
      {people.isError ? (
        <QueryError error={people.error} onRetry={() => void people.refetch()} />
      ) : null}
      {people.data?.data.length === 0 ? (
        <Text size="sm" c="dimmed" p="sm">
          {q ? 'Nobody matches this search.' : 'Nobody has chatted with this agent yet.'}
        </Text>
      ) : null}
      <Stack gap={2} role="list" aria-label="People">
        {people.data?.data.map((person) => (
          <NavLink
            key={person.key}
            role="listitem"
            data-testid="chat-person"
            active={person.key === selectedKey}
            onClick={() => {
              onSelect(person);
            }}
            leftSection={
              <Avatar size="sm" radius="xl" color={person.contactId ? 'indigo' : 'gray'}>
                {person.contactId ? initials(person.name) : <IconUserQuestion size={14} />}
              </Avatar>
            }
            label={person.name}
            description={
              <Group gap={6} component="span" wrap="nowrap">
                <Text span size="xs" truncate>
                  {person.email ?? person.phone ?? `${String(person.conversationCount)} chats`}
                </Text>
                <Text span size="xs" c="dimmed">
                  {new Date(person.lastMessageAt).toLocaleDateString()}
                </Text>
              </Group>
            }
          />
        ))}
      </Stack>
    </Stack>
  );
}
