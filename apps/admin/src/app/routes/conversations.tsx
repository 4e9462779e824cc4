import { Anchor, EmptyState, Grid, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconMessages } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/ui/page-header';
import { ownerOfKey, useConversations } from '../../features/conversations/api/conversations';
import { ConversationList } from '../../features/conversations/components/conversation-list';
import { PeopleList } from '../../features/conversations/components/people-list';
import { Transcript } from '../../features/conversations/components/transcript';

/** People on the left, their conversations, the transcript; all refreshed live by polling. */
export function ConversationsRoute() {
  const { agentId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const personKey = params.get('person');
  const conversationId = params.get('conversation');
  const owner = ownerOfKey(personKey);
  // The same query as the middle list (deduplicated): its newest conversation opens by default.
  const conversations = useConversations(agentId, owner);
  const activeId = conversationId ?? conversations.data?.data[0]?.id ?? null;
  const [search, setSearch] = useState(params.get('q') ?? '');
  const commitSearch = useDebouncedCallback((q: string) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (q) next.set('q', q);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, 300);

  function update(changes: Record<string, string | null>) {
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null) next.delete(key);
        else next.set(key, value);
      }
      return next;
    });
  }

  return (
    <Stack gap="lg">
      <PageHeader
        title="Conversations"
        description="Everyone who chatted with this agent, newest first. Updates live."
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Paper withBorder p="sm" radius="md">
            <PeopleList
              agentId={agentId}
              search={search}
              q={params.get('q') ?? ''}
              onSearch={(q) => {
                setSearch(q);
                commitSearch(q);
              }}
              selectedKey={personKey}
              onSelect={(person) => {
                update({ person: person.key, conversation: null });
              }}
            />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Paper withBorder p="sm" radius="md">
            <Title order={5} mb="xs">
              Their conversations
            </Title>
            {owner ? (
              <ConversationList
                agentId={agentId}
                owner={owner}
                selectedId={activeId}
                onSelect={(id) => {
                  update({ conversation: id });
                }}
              />
            ) : (
              <Text size="sm" c="dimmed">
                Pick a person.
              </Text>
            )}
            {owner && 'contactId' in owner ? (
              <Text size="xs" mt="sm">
                <Anchor component={Link} to={`/agents/${agentId}/contacts/${owner.contactId}`}>
                  Open contact
                </Anchor>
              </Text>
            ) : null}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Paper withBorder p="md" radius="md">
            {owner ? (
              <ScrollArea.Autosize mah="70vh">
                {activeId ? (
                  <Transcript agentId={agentId} conversationId={activeId} />
                ) : (
                  <Text size="sm" c="dimmed">
                    No conversation to show.
                  </Text>
                )}
              </ScrollArea.Autosize>
            ) : (
              <EmptyState
                icon={<IconMessages size={28} />}
                title="Pick a person"
                description="Their transcript shows here, updated as they chat."
              />
            )}
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
