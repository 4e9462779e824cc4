import { Anchor, Loader, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { QueryError } from '../../components/ui/query-error';
import { useSignUp } from '../../features/auth/api/session';
import { OrganizationSignupForm } from '../../features/auth/components/organization-signup-form';
import { forgetPreviousSession, useSetupStatus } from '../../lib/auth';

export function SignUpRoute() {
  const status = useSetupStatus();
  const signUp = useSignUp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  if (status.isPending) return <Loader />;
  if (status.isError) return <QueryError error={status.error} />;

  if (!status.data.allowSignup) {
    return (
      <Stack>
        <Title order={2}>Sign-up is closed</Title>
        <Text size="sm">
          This server does not accept new organizations. Ask your organization&apos;s owner or an
          admin for an invitation.
        </Text>
        <Anchor component={Link} to="/sign-in" size="sm">
          Back to sign in
        </Anchor>
      </Stack>
    );
  }

  return (
    <Stack>
      <div>
        <Title order={2}>Create your organization</Title>
        <Text c="dimmed" size="sm">
          You will be its owner and can invite your team.
        </Text>
      </div>
      <OrganizationSignupForm
        submitLabel="Sign up"
        onSubmit={async (values) => {
          await signUp.mutateAsync(values);
          forgetPreviousSession(queryClient);
          await navigate('/', { replace: true });
        }}
      />
      <Text size="sm" ta="center">
        Already have an account?{' '}
        <Anchor component={Link} to="/sign-in">
          Sign in
        </Anchor>
      </Text>
    </Stack>
  );
}
