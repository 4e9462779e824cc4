import { Box, Center, Loader, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconDeviceDesktop } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { PageHeader } from '../../components/ui/page-header';
import { QueryError } from '../../components/ui/query-error';
import { agentAccessQueryOptions } from '../../features/agents/api/agents';
import { useAutomations } from '../../features/automations/api/automations';
import { AutomationsEditor } from '../../features/automations/components/automations-editor';
import { normalizeSettings } from '../../features/automations/rules';
import { useCrmSettings } from '../../features/crm-settings/api/crm-settings';
import { useMembers } from '../../features/organizations/api/members';
import { canManageCrm, useMe } from '../../lib/auth';

/** The editor lays two owner slots side by side with drag handles: it needs the room. */
const DESKTOP_QUERY = '(min-width: 1024px)';

export function AutomationsRoute() {
  const { agentId = '' } = useParams();
  const { role } = useMe();
  const canEdit = canManageCrm(role);
  const isDesktop = useMediaQuery(DESKTOP_QUERY, true, { getInitialValueInEffect: false });

  return (
    <Stack maw={1100} gap="lg">
      <PageHeader
        title="CRM Automations"
        description="Decide who owns each new contact and where it starts, for each way contacts arrive."
      />
      {/* Hidden rather than unmounted: unsaved edits survive a window briefly made narrow (and
          the momentary media-query flip some browsers make while resizing). */}
      <Box display={isDesktop ? undefined : 'none'}>
        <AutomationsScreen agentId={agentId} canEdit={canEdit} />
      </Box>
      {isDesktop ? null : (
        <Paper withBorder p="xl" role="status">
          <Stack align="center" gap="sm" ta="center">
            <ThemeIcon size={48} radius="xl" variant="light" color="gray">
              <IconDeviceDesktop size={26} />
            </ThemeIcon>
            <Title order={3}>This screen needs a larger window</Title>
            <Text c="dimmed" maw={420}>
              Automations are edited on a desktop-sized screen (at least 1024 pixels wide). Widen
              this window or open CRM Automations on a computer.
            </Text>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

function AutomationsScreen({ agentId, canEdit }: { agentId: string; canEdit: boolean }) {
  const automations = useAutomations(agentId);
  const settings = useCrmSettings(agentId);
  const members = useMembers();
  // Only managers may read who has access; Users see the rules read-only and need not know.
  const access = useQuery({ ...agentAccessQueryOptions(agentId), enabled: canEdit });

  const failed = [automations, settings, members, ...(canEdit ? [access] : [])].find(
    (query) => query.isError,
  );
  if (failed) {
    return <QueryError error={failed.error} onRetry={() => void failed.refetch()} />;
  }
  if (!automations.data || !settings.data || !members.data || (canEdit && !access.data)) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  const saved = automations.data;
  return (
    <AutomationsEditor
      // Start again from the server's settings whenever they change (after a save, too).
      key={JSON.stringify(normalizeSettings(saved))}
      agentId={agentId}
      saved={saved}
      members={members.data.data}
      accessIds={canEdit ? (access.data?.memberIds ?? null) : null}
      stages={settings.data.stages.map((stage) => stage.name)}
      statuses={settings.data.statuses.map((status) => status.name)}
      canEdit={canEdit}
    />
  );
}
