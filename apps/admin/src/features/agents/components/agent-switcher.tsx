import type { Agent } from '@agent-crm/contracts';
import { Button, Select, Stack } from '@mantine/core';
import { IconPlus, IconRobot } from '@tabler/icons-react';

interface AgentSwitcherProps {
  agents: Agent[];
  selectedAgentId: string | null;
  canCreate: boolean;
  onSelect: (agentId: string) => void;
  onCreate: () => void;
}

export function AgentSwitcher({
  agents,
  selectedAgentId,
  canCreate,
  onSelect,
  onCreate,
}: AgentSwitcherProps) {
  return (
    <Stack gap="xs">
      {agents.length > 0 ? (
        <Select
          label="Agent"
          placeholder="Choose an agent"
          data={agents.map((agent) => ({ value: agent.id, label: agent.name }))}
          value={selectedAgentId}
          onChange={(value) => {
            if (value) onSelect(value);
          }}
          allowDeselect={false}
          searchable={agents.length > 8}
          nothingFoundMessage="No agent with that name"
          leftSection={<IconRobot size={16} />}
          comboboxProps={{ withinPortal: true }}
        />
      ) : null}
      {canCreate ? (
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={onCreate}
          fullWidth
        >
          Create agent
        </Button>
      ) : null}
    </Stack>
  );
}
