import type { Member } from '@agent-crm/contracts';
import { Button, Card, Checkbox, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { QueryError } from '../../../components/ui/query-error';
import { notifySuccess } from '../../../lib/notify';
import { useAgentAccess, useUpdateAgentAccess } from '../api/agents';

interface AgentAccessSectionProps {
  agentId: string;
  /** Every member of the organization; only those with the User role need access granted. */
  members: Member[];
}

export function AgentAccessSection({ agentId, members }: AgentAccessSectionProps) {
  const access = useAgentAccess(agentId, true);
  // Owned here, not by the form below, which remounts when the saved list comes back.
  const updateAccess = useUpdateAgentAccess(agentId);

  return (
    <Card withBorder padding="lg">
      <Stack>
        <div>
          <Title order={4}>Access</Title>
          <Text size="sm" c="dimmed">
            Owners and admins work in every agent. Choose which members with the User role may work
            in this one.
          </Text>
        </div>
        {access.isPending ? <Loader size="sm" /> : null}
        {access.isError ? (
          <QueryError error={access.error} onRetry={() => void access.refetch()} />
        ) : null}
        {access.isSuccess ? (
          <AccessForm
            // Start again from the server's list whenever it changes.
            key={access.data.memberIds.join(',')}
            isSaving={updateAccess.isPending}
            onSave={(memberIds) => {
              updateAccess.mutate(memberIds, {
                onSuccess: () => {
                  notifySuccess('Access saved');
                },
              });
            }}
            users={members.filter((member) => member.role === 'user')}
            initialIds={access.data.memberIds}
          />
        ) : null}
      </Stack>
    </Card>
  );
}

function AccessForm({
  users,
  initialIds,
  isSaving,
  onSave,
}: {
  users: Member[];
  initialIds: string[];
  isSaving: boolean;
  onSave: (memberIds: string[]) => void;
}) {
  const [selected, setSelected] = useState<string[]>(initialIds);

  if (users.length === 0) {
    return (
      <Text size="sm">
        There are no members with the User role yet. Invite one from Members to share this agent.
      </Text>
    );
  }

  const isDirty =
    selected.length !== initialIds.length || selected.some((id) => !initialIds.includes(id));

  return (
    <Stack>
      <Checkbox.Group label="Members with access" value={selected} onChange={setSelected}>
        <Stack gap="xs" mt="xs">
          {users.map((user) => (
            <Checkbox
              key={user.id}
              value={user.id}
              label={user.name || user.email}
              description={user.name ? user.email : undefined}
            />
          ))}
        </Stack>
      </Checkbox.Group>
      <Group justify="flex-end">
        <Button
          disabled={!isDirty}
          loading={isSaving}
          onClick={() => {
            onSave(selected);
          }}
        >
          Save access
        </Button>
      </Group>
    </Stack>
  );
}
