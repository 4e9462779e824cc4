import {
  AppShell,
  Avatar,
  Burger,
  Group,
  Loader,
  Menu,
  Text,
  ThemeIcon,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconChevronDown,
  IconLogout,
  IconMessageChatbot,
  IconUserCircle,
} from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Suspense } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { CreateAgentDialog } from '../../features/agents/components/create-agent-dialog';
import { useSignOut } from '../../features/auth/api/session';
import { meQueryOptions, setupStatusQueryOptions } from '../../lib/auth';
import { AppNavbar } from './app-navbar';

/** The signed-in shell: header with the organization and account menu, navbar, content. */
export function AppLayout() {
  const me = useQuery(meQueryOptions);
  const setupStatus = useQuery({ ...setupStatusQueryOptions, enabled: me.data === null });
  const [isNavOpen, nav] = useDisclosure(false);
  const [isCreateOpen, createDialog] = useDisclosure(false);
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const signOut = useSignOut();

  if (me.data === null) {
    // The session ended (signed out here or elsewhere, or expired).
    if (setupStatus.isPending) return <Loader m="xl" />;
    return <Navigate to={setupStatus.data?.isSetUp === false ? '/setup' : '/sign-in'} replace />;
  }
  if (!me.data) return <Loader m="xl" />;
  const { user, organization, role } = me.data;

  const handleSignOut = () => {
    signOut.mutate(undefined, {
      onSuccess: () => {
        // Nothing of this session may show to the next person who signs in here.
        queryClient.removeQueries({
          predicate: (query) => query.queryKey[0] !== setupStatusQueryOptions.queryKey[0],
        });
        queryClient.setQueryData(meQueryOptions.queryKey, null);
        void navigate('/sign-in', { replace: true });
      },
    });
  };

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !isNavOpen } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={isNavOpen}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <UnstyledButton component={Link} to="/" aria-label="Agent CRM home">
              <Group gap="xs" wrap="nowrap">
                <ThemeIcon size="md" radius="md">
                  <IconMessageChatbot size={18} />
                </ThemeIcon>
                <Text fw={700} visibleFrom="xs">
                  Agent CRM
                </Text>
              </Group>
            </UnstyledButton>
            <Text c="dimmed" visibleFrom="xs">
              /
            </Text>
            <Text fw={500} truncate="end" maw={280} data-testid="organization-name">
              {organization.name}
            </Text>
          </Group>
          <Menu position="bottom-end" width={220} withinPortal>
            <Menu.Target>
              <UnstyledButton aria-label={`Account menu for ${user.name || user.email}`}>
                <Group gap="xs" wrap="nowrap">
                  <Avatar src={user.image} name={user.name || user.email} size="sm" />
                  <Text size="sm" fw={500} visibleFrom="sm">
                    {user.name || user.email}
                  </Text>
                  <IconChevronDown size={14} />
                </Group>
              </UnstyledButton>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{user.email}</Menu.Label>
              <Menu.Item
                component={Link}
                to="/settings/profile"
                leftSection={<IconUserCircle size={16} />}
              >
                Profile
              </Menu.Item>
              <Menu.Divider />
              <Menu.Item
                leftSection={<IconLogout size={16} />}
                onClick={handleSignOut}
                disabled={signOut.isPending}
              >
                Sign out
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="md">
        <AppNavbar
          role={role}
          pathname={location.pathname}
          onNavigate={nav.close}
          onCreateAgent={createDialog.open}
        />
      </AppShell.Navbar>

      <AppShell.Main>
        <Suspense fallback={<Loader m="xl" />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>

      <CreateAgentDialog
        opened={isCreateOpen}
        onClose={createDialog.close}
        onCreated={(agent) => {
          createDialog.close();
          void navigate(`/agents/${agent.id}/settings`);
        }}
      />
    </AppShell>
  );
}
