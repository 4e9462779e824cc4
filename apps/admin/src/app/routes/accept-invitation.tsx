import { Alert, Anchor, Loader, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { QueryError } from '../../components/ui/query-error';
import { useInvitationPreview } from '../../features/auth/api/invitation-preview';
import { AcceptInvitationForm } from '../../features/auth/components/accept-invitation-form';
import { isApiError } from '../../lib/api-client';
import { forgetPreviousSession } from '../../lib/auth';

const ROLE_NAMES = { admin: 'an admin', user: 'a user' } as const;

function InvalidInvitation() {
  return (
    <Stack>
      <Title order={2}>Invitation not valid</Title>
      <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
        This invitation link is invalid, has expired or was already used. Ask the person who invited
        you to send a new one.
      </Alert>
      <Anchor component={Link} to="/sign-in" size="sm">
        Go to sign in
      </Anchor>
    </Stack>
  );
}

export function AcceptInvitationRoute() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const preview = useInvitationPreview(token);
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  if (!token) return <InvalidInvitation />;
  if (preview.isPending) return <Loader />;
  if (preview.isError) {
    const isInvalid =
      isApiError(preview.error) &&
      (preview.error.status === 404 || preview.error.code === 'validation_failed');
    return isInvalid ? <InvalidInvitation /> : <QueryError error={preview.error} />;
  }

  const { email, role, organization } = preview.data;
  return (
    <Stack>
      <div>
        <Title order={2}>Join {organization.name}</Title>
        <Text c="dimmed" size="sm">
          You were invited as {ROLE_NAMES[role]}. Choose your name and a password to accept.
        </Text>
      </div>
      <AcceptInvitationForm
        token={token}
        email={email}
        onAccepted={async () => {
          forgetPreviousSession(queryClient);
          await navigate('/', { replace: true });
        }}
      />
    </Stack>
  );
}
