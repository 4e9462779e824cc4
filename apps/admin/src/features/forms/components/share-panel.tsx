import { Alert, Anchor, Button, CopyButton, Group, Stack, Text, Textarea } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import { CopyField } from '../../../components/ui/copy-field';
import { shareLinks } from '../api/forms';

/** The hosted page's link and the embed snippet, each with a copy button. */
export function SharePanel({
  slug,
  title,
  published,
}: {
  slug: string;
  title: string;
  published: boolean;
}) {
  const { url, embed } = shareLinks(slug, title);
  return (
    <Stack gap="md">
      {published ? null : (
        <Alert color="yellow" variant="light">
          This form is a draft: visitors see &quot;Form not found&quot; until you publish it.
        </Alert>
      )}
      <CopyField label="Link to the form" value={url} />
      <Anchor href={url} target="_blank" rel="noopener" size="sm">
        <Group gap={4}>
          Open the form <IconExternalLink size={14} />
        </Group>
      </Anchor>
      <Stack gap={4}>
        <Textarea
          label="Embed on a site"
          description="Paste this where the form should appear; it resizes to fit."
          value={embed}
          readOnly
          autosize
          minRows={4}
          styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
          onFocus={(event) => {
            event.currentTarget.select();
          }}
        />
        <CopyButton value={embed}>
          {({ copied, copy }) => (
            <Button variant="light" size="xs" onClick={copy} w="fit-content">
              {copied ? 'Copied' : 'Copy embed code'}
            </Button>
          )}
        </CopyButton>
      </Stack>
      <Text size="xs" c="dimmed">
        Answers are rate-limited and spam-guarded; each one with an email or phone becomes a contact
        &quot;via Form&quot;.
      </Text>
    </Stack>
  );
}
