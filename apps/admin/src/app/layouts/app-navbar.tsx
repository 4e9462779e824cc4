import type { Role } from '@agent-crm/contracts';
import { AppShell, Divider, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import {
  IconAddressBook,
  IconAdjustments,
  IconBolt,
  IconBuilding,
  IconForms,
  IconHistory,
  IconMail,
  IconMessages,
  IconRobot,
  IconUserCircle,
  IconUsers,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAgents } from '../../features/agents/api/agents';
import { AgentSwitcher } from '../../features/agents/components/agent-switcher';
import { canManageAgents, canSeeOutbox } from '../../lib/auth';
import { pickAgentId } from '../last-agent';

interface NavItem {
  label: string;
  to: string;
  icon: ReactNode;
}

const AGENT_PATH = /^\/agents\/([^/]+)(?:\/([^/]+))?/;

interface AppNavbarProps {
  role: Role;
  pathname: string;
  onNavigate: () => void;
  onCreateAgent: () => void;
}

export function AppNavbar({ role, pathname, onNavigate, onCreateAgent }: AppNavbarProps) {
  const agents = useAgents();
  const navigate = useNavigate();
  const agentIds = agents.data?.data.map((agent) => agent.id) ?? [];
  const match = AGENT_PATH.exec(pathname);
  const agentIdInPath = match?.[1] ?? null;
  const agentSection = match?.[2] ?? 'contacts';
  const selectedAgentId =
    agentIdInPath && agentIds.includes(agentIdInPath) ? agentIdInPath : pickAgentId(agentIds);

  const crmItems: NavItem[] = selectedAgentId
    ? [
        { label: 'Contacts', to: 'contacts', icon: <IconAddressBook size={18} /> },
        { label: 'Forms', to: 'forms', icon: <IconForms size={18} /> },
        { label: 'Automations', to: 'automations', icon: <IconBolt size={18} /> },
        { label: 'Settings', to: 'crm-settings', icon: <IconAdjustments size={18} /> },
      ].map((item) => ({ ...item, to: `/agents/${selectedAgentId}/${item.to}` }))
    : [];
  const agentItems: NavItem[] = selectedAgentId
    ? [
        { label: 'Conversations', to: 'conversations', icon: <IconMessages size={18} /> },
        { label: 'Agent settings', to: 'settings', icon: <IconRobot size={18} /> },
      ].map((item) => ({ ...item, to: `/agents/${selectedAgentId}/${item.to}` }))
    : [];
  const organizationItems: NavItem[] = [
    { label: 'Members', to: '/settings/members', icon: <IconUsers size={18} /> },
    { label: 'Audit log', to: '/settings/audit-log', icon: <IconHistory size={18} /> },
    ...(canSeeOutbox(role)
      ? [{ label: 'Outbox', to: '/settings/outbox', icon: <IconMail size={18} /> }]
      : []),
    { label: 'Organization', to: '/settings/organization', icon: <IconBuilding size={18} /> },
    { label: 'Profile', to: '/settings/profile', icon: <IconUserCircle size={18} /> },
  ];

  const renderGroup = (title: string, items: NavItem[]) =>
    items.length > 0 ? (
      <Stack gap={2} component="nav" aria-label={`${title} navigation`}>
        <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>
          {title}
        </Text>
        {items.map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={item.label}
            leftSection={item.icon}
            active={pathname === item.to || pathname.startsWith(`${item.to}/`)}
            onClick={onNavigate}
          />
        ))}
      </Stack>
    ) : null;

  return (
    <>
      <AppShell.Section>
        <AgentSwitcher
          agents={agents.data?.data ?? []}
          selectedAgentId={selectedAgentId}
          canCreate={canManageAgents(role)}
          onSelect={(agentId) => {
            onNavigate();
            void navigate(`/agents/${agentId}/${agentSection}`);
          }}
          onCreate={onCreateAgent}
        />
      </AppShell.Section>
      <Divider my="md" />
      <AppShell.Section grow component={ScrollArea}>
        <Stack gap="lg">
          {renderGroup('CRM', crmItems)}
          {renderGroup('Agent', agentItems)}
          {renderGroup('Organization', organizationItems)}
        </Stack>
      </AppShell.Section>
    </>
  );
}
