import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { SignInForm } from '../../features/auth/components/sign-in-form';
import { forgetPreviousSession, useSetupStatus } from '../../lib/auth';

export function SignInRoute() {
  const status = useSetupStatus();
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  return (
    <Stack>
      <div>
        <Title order={2}>Sign in</Title>
        <Text c="dimmed" size="sm">
          Welcome back. Sign in to manage your agents and their contacts.
        </Text>
      </div>
      <SignInForm
        onSignedIn={async () => {
          forgetPreviousSession(queryClient);
          await navigate('/', { replace: true });
        }}
      />
      {status.data?.allowSignup ? (
        <Text size="sm" ta="center">
          New here?{' '}
          <Anchor component={Link} to="/sign-up">
            Sign up
          </Anchor>
        </Text>
      ) : null}
    </Stack>
  );
}
