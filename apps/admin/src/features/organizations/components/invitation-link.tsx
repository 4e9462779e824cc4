import type { Invitation } from '@agent-crm/contracts';
import { Stack, Text } from '@mantine/core';
import { CopyField } from '../../../components/ui/copy-field';

/** The accept link of a just-created or resent invitation, to share by any channel. */
export function InvitationLink({ invitation }: { invitation: Invitation }) {
  return (
    <Stack gap="sm">
      <Text size="sm">
        We sent an invitation to <strong>{invitation.email}</strong>. Without an email server it
        waits in the Outbox; you can also send them this link yourself:
      </Text>
      <CopyField label="Invitation link" value={invitation.acceptUrl} />
      <Text size="xs" c="dimmed">
        The link works once and expires on {new Date(invitation.expiresAt).toLocaleString()}.
      </Text>
    </Stack>
  );
}
