import type { Agent } from '@agent-crm/contracts';
import {
  Alert,
  Anchor,
  Button,
  Card,
  CopyButton,
  Group,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import { CopyField } from '../../../components/ui/copy-field';
import { widgetLinks } from '../widget-links';

function Snippet({
  label,
  description,
  value,
}: {
  label: string;
  description: string;
  value: string;
}) {
  return (
    <Stack gap={4}>
      <Textarea
        label={label}
        description={description}
        value={value}
        readOnly
        autosize
        minRows={2}
        styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
        onFocus={(event) => {
          event.currentTarget.select();
        }}
      />
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Button variant="light" size="xs" onClick={copy} w="fit-content">
            {copied ? 'Copied' : `Copy ${label.toLowerCase()}`}
          </Button>
        )}
      </CopyButton>
    </Stack>
  );
}

/** "Embed & share": how the agent reaches visitors, each with a copy button. */
export function EmbedShareSection({ agent }: { agent: Agent }) {
  const { snippet, inlineSnippet, shareUrl } = widgetLinks(agent.id, window.location.origin);
  return (
    <Card withBorder padding="lg">
      <Stack gap="md">
        <div>
          <Title order={4}>Embed &amp; share</Title>
          <Text size="sm" c="dimmed">
            Put the chat on any site with one line, or send people the share link.
          </Text>
        </div>
        {agent.visibility === 'private' ? (
          <Alert color="yellow" variant="light">
            This agent is private: visitors see &quot;This agent is private&quot; until you make it
            public. The playground below still works.
          </Alert>
        ) : null}
        <Snippet
          label="Embed snippet"
          description="Paste before </body>: a chat bubble appears in the corner of every page."
          value={snippet}
        />
        <Snippet
          label="Inline snippet"
          description="Or render the chat inside an element of your page."
          value={inlineSnippet}
        />
        <CopyField label="Share link" value={shareUrl} />
        <Anchor href={shareUrl} target="_blank" rel="noopener" size="sm">
          <Group gap={4}>
            Open the share page <IconExternalLink size={14} />
          </Group>
        </Anchor>
      </Stack>
    </Card>
  );
}
