import { Button, EmptyState, Loader } from '@mantine/core';
import { IconRobotOff } from '@tabler/icons-react';
import { useEffect } from 'react';
import { Link, Outlet, useParams } from 'react-router';
import { QueryError } from '../../components/ui/query-error';
import { useAgents } from '../../features/agents/api/agents';
import { writeLastAgentId } from '../last-agent';

/** Everything under /agents/:agentId: only for agents this member can see. */
export function AgentScope() {
  const { agentId = '' } = useParams();
  const agents = useAgents();
  const isKnown = agents.data?.data.some((agent) => agent.id === agentId) ?? false;

  useEffect(() => {
    if (isKnown) writeLastAgentId(agentId);
  }, [agentId, isKnown]);

  if (agents.isPending) return <Loader m="xl" />;
  if (agents.isError) {
    return <QueryError error={agents.error} onRetry={() => void agents.refetch()} />;
  }
  if (!isKnown) {
    return (
      <EmptyState
        mt="xl"
        variant="light"
        icon={<IconRobotOff size={28} />}
        title="Agent not found"
        description="It may have been deleted, or it is not shared with you."
      >
        <EmptyState.Actions>
          <Button component={Link} to="/">
            Go to my agents
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    );
  }
  return <Outlet />;
}
