import { Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCopy, IconTrash } from '@tabler/icons-react';
import { useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../components/ui/page-header';
import { QueryError } from '../../components/ui/query-error';
import { useAgent, useDuplicateAgent } from '../../features/agents/api/agents';
import { AgentAccessSection } from '../../features/agents/components/agent-access-section';
import { AgentPlayground } from '../../features/agents/components/agent-playground';
import { AgentSettingsForm } from '../../features/agents/components/agent-settings-form';
import { DeleteAgentDialog } from '../../features/agents/components/delete-agent-dialog';
import { EmbedShareSection } from '../../features/agents/components/embed-share-section';
import { useMembers } from '../../features/organizations/api/members';
import { canManageAgents, useMe } from '../../lib/auth';
import { notifySuccess } from '../../lib/notify';

export function AgentSettingsRoute() {
  const { agentId = '' } = useParams();
  const { role } = useMe();
  const canEdit = canManageAgents(role);
  const agent = useAgent(agentId);
  const duplicate = useDuplicateAgent(agentId);
  const [isDeleteOpen, deleteDialog] = useDisclosure(false);
  const navigate = useNavigate();

  if (agent.isPending) return <Loader m="xl" />;
  if (agent.isError) {
    return <QueryError error={agent.error} onRetry={() => void agent.refetch()} />;
  }

  return (
    <Stack maw={860} gap="lg">
      <PageHeader
        title="Agent settings"
        description={
          canEdit
            ? `How ${agent.data.name} talks, who can chat with it, and what it captures.`
            : 'Only owners and admins can change these settings.'
        }
        actions={
          canEdit ? (
            <Button
              variant="default"
              leftSection={<IconCopy size={16} />}
              loading={duplicate.isPending}
              onClick={() => {
                duplicate.mutate(undefined, {
                  onSuccess: (copy) => {
                    notifySuccess(`Created ${copy.name}`);
                    void navigate(`/agents/${copy.id}/settings`);
                  },
                });
              }}
            >
              Duplicate agent
            </Button>
          ) : null
        }
      />
      <AgentSettingsForm
        key={`${agent.data.id}:${agent.data.updatedAt}`}
        agent={agent.data}
        canEdit={canEdit}
      />
      <EmbedShareSection agent={agent.data} />
      <AgentPlayground
        key={agent.data.id}
        agentId={agent.data.id}
        welcomeMessage={agent.data.welcomeMessage}
      />
      {canEdit ? <AccessSection agentId={agentId} /> : null}
      {canEdit ? (
        <Card withBorder padding="lg" style={{ borderColor: 'var(--mantine-color-red-4)' }}>
          <Group justify="space-between" wrap="nowrap">
            <div>
              <Title order={4}>Delete this agent</Title>
              <Text size="sm" c="dimmed">
                Erases the agent with its CRM: contacts, forms, automations and conversations.
              </Text>
            </div>
            <Button color="red" leftSection={<IconTrash size={16} />} onClick={deleteDialog.open}>
              Delete agent
            </Button>
          </Group>
        </Card>
      ) : null}
      <DeleteAgentDialog
        agentId={agent.data.id}
        agentName={agent.data.name}
        opened={isDeleteOpen}
        onClose={deleteDialog.close}
        onDeleted={() => {
          deleteDialog.close();
          notifySuccess(`Deleted ${agent.data.name}`);
          void navigate('/', { replace: true });
        }}
      />
    </Stack>
  );
}

function AccessSection({ agentId }: { agentId: string }) {
  const members = useMembers();
  if (members.isPending) return <Loader size="sm" />;
  if (members.isError) {
    return <QueryError error={members.error} onRetry={() => void members.refetch()} />;
  }
  return <AgentAccessSection agentId={agentId} members={members.data.data} />;
}
