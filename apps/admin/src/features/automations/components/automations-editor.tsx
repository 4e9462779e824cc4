import type { AutomationSettings, CreationMethod, ErrorDetail, Member } from '@agent-crm/contracts';
import { Alert, Button, Card, Group, Stack, Tabs, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBolt, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { FormAlert } from '../../../components/ui/form-alert';
import { isApiError } from '../../../lib/api-client';
import { notifySuccess } from '../../../lib/notify';
import { useSaveAutomations } from '../api/automations';
import {
  checkSettings,
  errorPath,
  methodsWithProblems,
  normalizeSettings,
  sameSettings,
  unplacedMessages,
} from '../rules';
import { AssignmentTab } from './assignment-tab';
import { StartingStageTab } from './starting-stage-tab';

interface AutomationsEditorProps {
  agentId: string;
  /** The saved settings; remount the editor with a new `key` when they change. */
  saved: AutomationSettings;
  members: Member[];
  /** Members with the User role who may work in this agent; null when the viewer cannot know. */
  accessIds: string[] | null;
  stages: string[];
  statuses: string[];
  canEdit: boolean;
}

export function AutomationsEditor({
  agentId,
  saved,
  members,
  accessIds,
  stages,
  statuses,
  canEdit,
}: AutomationsEditorProps) {
  const save = useSaveAutomations(agentId);
  const [draft, setDraft] = useState(() => normalizeSettings(saved));
  const [tab, setTab] = useState<string | null>('assignment');
  const [method, setMethod] = useState<CreationMethod>('manual');
  const [serverErrors, setServerErrors] = useState<ErrorDetail[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  // Paths the editor's own checks flagged at the last save attempt: shown live until fixed, so
  // a slot being filled in is not called wrong before anyone tries to save it.
  const [watchedPaths, setWatchedPaths] = useState<ReadonlySet<string>>(new Set());

  const orgOwnerId = members.find((member) => member.role === 'owner')?.id ?? null;
  const checkContext = { members, accessIds, orgOwnerId, stages, statuses };
  // The server's errors show until the next change.
  const clientErrors = checkSettings(draft, checkContext).filter((detail) =>
    watchedPaths.has(detail.path),
  );
  const errors = [...clientErrors, ...serverErrors];
  const isDirty = !sameSettings(draft, saved);
  const stageProblems = errors.some((detail) => /^starting/.test(errorPath(detail.path)));
  const assignmentProblems = errors.some((detail) => /^assignment/.test(errorPath(detail.path)));

  const change = (next: AutomationSettings) => {
    setDraft(next);
    setServerErrors([]);
    setFormError(null);
  };

  const showFirstProblem = (details: ErrorDetail[]) => {
    const first = details[0];
    if (!first) return;
    const path = errorPath(first.path);
    setTab(path.startsWith('assignment') ? 'assignment' : 'stage');
    const [problemMethod] = methodsWithProblems([first]);
    if (problemMethod && path.startsWith('assignment')) setMethod(problemMethod);
  };

  const handleSave = async () => {
    setFormError(null);
    const problems = checkSettings(draft, checkContext);
    setWatchedPaths(new Set(problems.map((detail) => detail.path)));
    if (problems.length > 0) {
      showFirstProblem(problems);
      return;
    }
    try {
      await save.mutateAsync(normalizeSettings(draft));
      notifySuccess('Automations saved');
    } catch (error) {
      if (isApiError(error, 'validation_failed') && error.details.length > 0) {
        setServerErrors(error.details);
        showFirstProblem(error.details);
        const unplaced = unplacedMessages(error.details);
        setFormError(unplaced.length > 0 ? unplaced.join(' ') : null);
      } else if (isApiError(error) && error.status === 403) {
        setFormError('Only owners and admins can change automations.');
      } else {
        setFormError(isApiError(error) ? error.message : 'Something went wrong. Please try again.');
      }
    }
  };

  return (
    <Stack gap="lg">
      <Card withBorder padding="lg" component="section" aria-labelledby="automation-trigger">
        <Group gap="md" wrap="nowrap">
          <ThemeIcon size={40} radius="md" variant="light">
            <IconBolt size={22} />
          </ThemeIcon>
          <div>
            <Text size="xs" tt="uppercase" fw={700} c="dimmed">
              When
            </Text>
            <Title order={3} id="automation-trigger">
              Contact created
            </Title>
            <Text size="sm" c="dimmed">
              Every time a new contact enters this agent&apos;s CRM. Each step is recorded in the
              contact&apos;s Activity, and the assigned members get an email.
            </Text>
          </div>
        </Group>
      </Card>

      {canEdit ? null : (
        <Alert icon={<IconInfoCircle size={18} />} color="gray">
          Only owners and admins can change automations. You can see how new contacts are assigned.
        </Alert>
      )}
      <FormAlert message={formError} />

      <Card withBorder padding="lg">
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="assignment" c={assignmentProblems ? 'red' : undefined}>
              Owner assignment
            </Tabs.Tab>
            <Tabs.Tab value="stage" c={stageProblems ? 'red' : undefined}>
              Starting stage
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="assignment">
            <AssignmentTab
              settings={draft}
              method={method}
              onMethodChange={setMethod}
              members={members}
              accessIds={accessIds}
              orgOwnerId={orgOwnerId}
              errors={errors}
              canEdit={canEdit}
              onChange={change}
            />
          </Tabs.Panel>
          <Tabs.Panel value="stage">
            <StartingStageTab
              settings={draft}
              stages={stages}
              statuses={statuses}
              errors={errors}
              canEdit={canEdit}
              onChange={change}
            />
          </Tabs.Panel>
        </Tabs>
      </Card>

      {canEdit ? (
        <Group justify="flex-end" gap="sm">
          {isDirty ? (
            <>
              <Text size="sm" c="dimmed">
                Unsaved changes
              </Text>
              <Button
                variant="default"
                disabled={save.isPending}
                onClick={() => {
                  change(normalizeSettings(saved));
                  setWatchedPaths(new Set());
                }}
              >
                Discard
              </Button>
            </>
          ) : null}
          <Button
            loading={save.isPending}
            disabled={!isDirty}
            onClick={() => {
              void handleSave();
            }}
          >
            Save automations
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
