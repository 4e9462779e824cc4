import type { OutboxEmail } from '@agent-crm/contracts';
import { Divider, Drawer, Stack, Text } from '@mantine/core';
import { LinkifiedText } from './linkified-text';

interface EmailDrawerProps {
  email: OutboxEmail | null;
  onClose: () => void;
}

export function EmailDrawer({ email, onClose }: EmailDrawerProps) {
  return (
    <Drawer
      opened={email !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={email?.subject ?? ''}
    >
      {email ? (
        <Stack gap="sm">
          <Text size="sm">
            <Text span c="dimmed">
              To:{' '}
            </Text>
            {email.to}
          </Text>
          <Text size="sm">
            <Text span c="dimmed">
              Created:{' '}
            </Text>
            {new Date(email.createdAt).toLocaleString()}
          </Text>
          <Divider />
          <LinkifiedText text={email.text} />
        </Stack>
      ) : null}
    </Drawer>
  );
}
