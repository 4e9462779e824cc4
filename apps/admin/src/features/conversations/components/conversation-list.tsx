import type { Conversation } from '@agent-crm/contracts';
import { Badge, Group, Loader, NavLink, Stack, Text } from '@mantine/core';
import { QueryError } from '../../../components/ui/query-error';
import { useConversations, type ConversationOwner } from '../api/conversations';

const CHANNEL_LABELS: Record<Conversation['channel'], string> = {
  widget: 'Widget',
  share: 'Share link',
  playground: 'Playground',
};

export function formatWhen(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : 'No messages yet';
}

/** A person's conversations, newest first; the first is active when none is selected. */
export function ConversationList({
  agentId,
  owner,
  selectedId,
  onSelect,
}: {
  agentId: string;
  owner: ConversationOwner;
  selectedId: string | null;
  onSelect: (conversationId: string) => void;
}) {
  const conversations = useConversations(agentId, owner);
  if (conversations.isPending) return <Loader size="sm" m="md" />;
  if (conversations.isError) {
    return <QueryError error={conversations.error} onRetry={() => void conversations.refetch()} />;
  }
  const rows = conversations.data.data;
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed" p="sm">
        No conversations.
      </Text>
    );
  }
  const active = selectedId ?? rows[0]?.id ?? null;
  return (
    <Stack gap={2} aria-label="Conversations" role="list">
      {rows.map((conversation) => (
        <NavLink
          key={conversation.id}
          role="listitem"
          active={conversation.id === active}
          onClick={() => {
            onSelect(conversation.id);
          }}
          label={formatWhen(conversation.lastMessageAt ?? conversation.startedAt)}
          description={
            <Group gap={6} component="span">
              <Text span size="xs">
                {conversation.messageCount} messages
              </Text>
              <Badge size="xs" variant="light" component="span">
                {CHANNEL_LABELS[conversation.channel]}
              </Badge>
            </Group>
          }
        />
      ))}
    </Stack>
  );
}
