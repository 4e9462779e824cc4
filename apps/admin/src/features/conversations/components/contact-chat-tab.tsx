import { Anchor, EmptyState, Grid, Loader, NavLink, Paper, Stack, Text } from '@mantine/core';
import { IconMessages } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { QueryError } from '../../../components/ui/query-error';
import { useContactConversations } from '../api/conversations';
import { formatWhen } from './conversation-list';
import { Transcript } from './transcript';

/** The contact's Chat tab: their conversations with the agent, the chosen one's transcript. */
export function ContactChatTab({ agentId, contactId }: { agentId: string; contactId: string }) {
  const conversations = useContactConversations(agentId, contactId);
  const [selected, setSelected] = useState<string | null>(null);
  if (conversations.isPending) return <Loader m="md" />;
  if (conversations.isError) {
    return <QueryError error={conversations.error} onRetry={() => void conversations.refetch()} />;
  }
  const rows = conversations.data.data;
  if (rows.length === 0) {
    return (
      <EmptyState
        icon={<IconMessages size={28} />}
        title="No conversations yet"
        description="When this contact chats with the agent, the transcripts show up here."
      />
    );
  }
  const active = selected ?? rows[0]?.id ?? null;
  return (
    <Grid>
      <Grid.Col span={{ base: 12, sm: 4 }}>
        <Stack gap={2} role="list" aria-label="Conversations">
          {rows.map((conversation) => (
            <NavLink
              key={conversation.id}
              role="listitem"
              active={conversation.id === active}
              label={formatWhen(conversation.lastMessageAt ?? conversation.startedAt)}
              description={`${String(conversation.messageCount)} messages`}
              onClick={() => {
                setSelected(conversation.id);
              }}
            />
          ))}
        </Stack>
        <Text size="xs" mt="sm">
          <Anchor
            component={Link}
            to={`/agents/${agentId}/conversations?person=${encodeURIComponent(`contact:${contactId}`)}`}
          >
            Open in Conversations
          </Anchor>
        </Text>
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 8 }}>
        <Paper withBorder p="md" radius="md">
          {active ? <Transcript agentId={agentId} conversationId={active} /> : null}
        </Paper>
      </Grid.Col>
    </Grid>
  );
}
