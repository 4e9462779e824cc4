import { Button, EmptyState, Loader, NavLink, Paper, Stack, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus, IconRobot } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { QueryError } from '../../components/ui/query-error';
import { useAgents } from '../../features/agents/api/agents';
import { CreateAgentDialog } from '../../features/agents/components/create-agent-dialog';
import { canManageAgents, useMe } from '../../lib/auth';

/**
 * The start page. Its loader opens the agent last worked in, so this renders when there was no
 * agent: it invites to create the first one (or, for users, says none is shared yet).
 */
export function HomeRoute() {
  const { role } = useMe();
  const agents = useAgents();
  const navigate = useNavigate();
  const [isCreateOpen, createDialog] = useDisclosure(false);

  if (agents.isPending) return <Loader m="xl" />;
  if (agents.isError) {
    return <QueryError error={agents.error} onRetry={() => void agents.refetch()} />;
  }

  if (agents.data.data.length > 0) {
    // Agents appeared since the page loaded (created here or by a teammate).
    return (
      <Stack maw={480}>
        <Title order={2}>Your agents</Title>
        <Paper withBorder>
          {agents.data.data.map((agent) => (
            <NavLink
              key={agent.id}
              component={Link}
              to={`/agents/${agent.id}/contacts`}
              label={agent.name}
              leftSection={<IconRobot size={18} />}
            />
          ))}
        </Paper>
      </Stack>
    );
  }

  if (!canManageAgents(role)) {
    return (
      <EmptyState
        mt="xl"
        variant="light"
        size="lg"
        icon={<IconRobot size={32} />}
        title="No agents shared with you yet"
        description="An owner or admin of your organization can give you access to an agent."
      />
    );
  }

  return (
    <>
      <EmptyState
        mt="xl"
        variant="light"
        size="lg"
        icon={<IconRobot size={32} />}
        title="Create your first agent"
        description="An agent chats with your visitors and keeps its own CRM of the people it meets."
      >
        <EmptyState.Actions>
          <Button leftSection={<IconPlus size={16} />} onClick={createDialog.open}>
            Create agent
          </Button>
        </EmptyState.Actions>
      </EmptyState>
      <CreateAgentDialog
        opened={isCreateOpen}
        onClose={createDialog.close}
        onCreated={(agent) => {
          createDialog.close();
          void navigate(`/agents/${agent.id}/settings`);
        }}
      />
    </>
  );
}
