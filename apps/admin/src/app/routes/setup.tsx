import { Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useSetupOrganization } from '../../features/auth/api/session';
import { OrganizationSignupForm } from '../../features/auth/components/organization-signup-form';
import { forgetPreviousSession } from '../../lib/auth';

export function SetupRoute() {
  const setup = useSetupOrganization();
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  return (
    <Stack>
      <div>
        <Title order={2}>Set up Agent CRM</Title>
        <Text c="dimmed" size="sm">
          Create your organization and its owner account. You can invite your team next.
        </Text>
      </div>
      <OrganizationSignupForm
        submitLabel="Create organization"
        onSubmit={async (values) => {
          await setup.mutateAsync(values);
          forgetPreviousSession(queryClient);
          await navigate('/', { replace: true });
        }}
      />
    </Stack>
  );
}
