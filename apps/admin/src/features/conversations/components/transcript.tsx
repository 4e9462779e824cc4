import type { MemberChatMessage } from '@agent-crm/contracts';
import { Badge, Box, Group, Loader, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconThumbDown, IconThumbUp } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { QueryError } from '../../../components/ui/query-error';
import { useTranscript } from '../api/conversations';
import { capturedLabels } from '../captured';

function MessageBubble({ message }: { message: MemberChatMessage }) {
  const isUser = message.role === 'user';
  const captured = isUser ? capturedLabels(message.meta) : [];
  return (
    <Stack
      gap={4}
      align={isUser ? 'flex-end' : 'flex-start'}
      data-testid="transcript-message"
      data-role={message.role}
    >
      <Paper
        px="sm"
        py={6}
        radius="md"
        maw="80%"
        bg={isUser ? 'indigo.6' : 'gray.1'}
        c={isUser ? 'white' : undefined}
        style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
      >
        {message.text}
      </Paper>
      <Group gap={6}>
        <Text size="xs" c="dimmed">
          {isUser ? 'Visitor' : 'Agent'} · {new Date(message.createdAt).toLocaleString()}
        </Text>
        {message.status === 'failed' ? (
          <Badge size="xs" color="red" variant="light">
            Reply failed
          </Badge>
        ) : null}
        {message.feedback === 'like' ? (
          <Tooltip label="The visitor found this helpful">
            <IconThumbUp size={14} aria-label="Liked" color="var(--mantine-color-teal-6)" />
          </Tooltip>
        ) : null}
        {message.feedback === 'dislike' ? (
          <Tooltip label="The visitor found this unhelpful">
            <IconThumbDown size={14} aria-label="Disliked" color="var(--mantine-color-red-6)" />
          </Tooltip>
        ) : null}
        {captured.map((label) => (
          <Badge key={label} size="xs" variant="light" color="teal" tt="none">
            Captured {label}
          </Badge>
        ))}
      </Group>
    </Stack>
  );
}

/** One conversation, oldest message first, refreshed every few seconds while open. */
export function Transcript({
  agentId,
  conversationId,
}: {
  agentId: string;
  conversationId: string;
}) {
  const transcript = useTranscript(agentId, conversationId);
  const end = useRef<HTMLDivElement>(null);
  const count = transcript.data?.data.length ?? 0;
  const seen = useRef({ conversationId, count });
  // Follow the conversation as new messages arrive, like a chat app (a DOM side effect).
  useEffect(() => {
    const before = seen.current;
    seen.current = { conversationId, count };
    if (before.conversationId === conversationId && before.count > 0 && count > before.count) {
      end.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    }
  }, [count, conversationId]);
  if (transcript.isPending) return <Loader m="md" />;
  if (transcript.isError) {
    return <QueryError error={transcript.error} onRetry={() => void transcript.refetch()} />;
  }
  if (transcript.data.data.length === 0) {
    return (
      <Text c="dimmed" size="sm" p="md">
        No messages yet.
      </Text>
    );
  }
  return (
    <Box role="log" aria-label="Transcript" aria-live="polite">
      <Stack gap="sm">
        {transcript.data.data.map((message) => (
          <MessageBubble key={message.id} message={message} />
        ))}
      </Stack>
      <div ref={end} />
    </Box>
  );
}
