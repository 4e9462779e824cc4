import type { ConversationStarted } from '@agent-crm/contracts';
import {
  Alert,
  Box,
  Button,
  Card,
  Group,
  Paper,
  ScrollArea,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconRefresh, IconSend } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { startPlayground, sendPlaygroundMessage } from '../api/playground';

interface Line {
  key: string;
  role: 'user' | 'assistant';
  text: string;
}

let lineCounter = 0;
const nextKey = () => `line-${String(++lineCounter)}`;

/**
 * Chats with the agent as a visitor would (same endpoints, same streaming), even while it is
 * private or restricted. Each "New conversation" starts a fresh playground conversation.
 */
export function AgentPlayground({
  agentId,
  welcomeMessage,
}: {
  agentId: string;
  welcomeMessage: string;
}) {
  const [session, setSession] = useState<ConversationStarted | null>(null);
  const [lines, setLines] = useState<Line[]>([]);
  const [draft, setDraft] = useState('');
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const viewport = useRef<HTMLDivElement>(null);

  const scrollDown = () => {
    requestAnimationFrame(() => {
      viewport.current?.scrollTo({ top: viewport.current.scrollHeight });
    });
  };

  async function send() {
    const text = draft.trim();
    if (!text || isBusy) return;
    setIsBusy(true);
    setError(null);
    setDraft('');
    const answerKey = nextKey();
    setLines((current) => [
      ...current,
      { key: nextKey(), role: 'user', text },
      { key: answerKey, role: 'assistant', text: '' },
    ]);
    scrollDown();
    try {
      const started = session ?? (await startPlayground(agentId));
      setSession(started);
      const reply = await sendPlaygroundMessage(started, text, (chunk) => {
        setLines((current) =>
          current.map((line) =>
            line.key === answerKey ? { ...line, text: line.text + chunk } : line,
          ),
        );
        scrollDown();
      });
      setLines((current) =>
        current.map((line) => (line.key === answerKey ? { ...line, text: reply.text } : line)),
      );
    } catch (caught) {
      setLines((current) => current.filter((line) => line.key !== answerKey));
      setError(caught instanceof Error ? caught.message : 'The message could not be sent.');
      setDraft(text);
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <Group justify="space-between">
          <div>
            <Title order={4}>Playground</Title>
            <Text size="sm" c="dimmed">
              Try the agent as a visitor would. Playground chats show in Conversations.
            </Text>
          </div>
          <Button
            variant="default"
            size="xs"
            leftSection={<IconRefresh size={14} />}
            disabled={isBusy}
            onClick={() => {
              setSession(null);
              setLines([]);
              setError(null);
            }}
          >
            New conversation
          </Button>
        </Group>
        <ScrollArea h={320} viewportRef={viewport} type="auto">
          <Stack gap="xs" role="log" aria-label="Playground messages" aria-live="polite" p={4}>
            {welcomeMessage ? <Bubble role="assistant" text={welcomeMessage} /> : null}
            {lines.map((line) => (
              <Bubble key={line.key} role={line.role} text={line.text || '…'} />
            ))}
          </Stack>
        </ScrollArea>
        {error ? (
          <Alert color="red" variant="light">
            {error}
          </Alert>
        ) : null}
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void send();
          }}
        >
          <Group align="flex-end" gap="xs" wrap="nowrap">
            <Textarea
              style={{ flex: 1 }}
              aria-label="Playground message"
              placeholder="Write a message… (Enter to send)"
              autosize
              minRows={1}
              maxRows={5}
              value={draft}
              onChange={(event) => {
                setDraft(event.currentTarget.value);
              }}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
                  event.preventDefault();
                  void send();
                }
              }}
            />
            <Button type="submit" loading={isBusy} leftSection={<IconSend size={14} />}>
              Send
            </Button>
          </Group>
        </form>
      </Stack>
    </Card>
  );
}

function Bubble({ role, text }: { role: Line['role']; text: string }) {
  const isUser = role === 'user';
  return (
    <Box style={{ alignSelf: isUser ? 'flex-end' : 'flex-start', maxWidth: '80%' }}>
      <Paper
        px="sm"
        py={6}
        radius="md"
        bg={isUser ? 'indigo.6' : 'gray.1'}
        c={isUser ? 'white' : undefined}
        style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
      >
        {text}
      </Paper>
    </Box>
  );
}
