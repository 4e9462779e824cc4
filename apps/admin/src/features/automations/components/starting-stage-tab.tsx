import type { AutomationSettings, ErrorDetail } from '@agent-crm/contracts';
import { Select, Stack, Table, Text } from '@mantine/core';
import {
  METHOD_LABELS,
  METHODS,
  isOptionalMethod,
  messagesAt,
  setStartingStage,
  setStartingStatus,
} from '../rules';

/** "No value of its own"; names are trimmed, so no stage or status can start with a space. */
const INHERIT = ' inherit';

interface StartingStageTabProps {
  settings: AutomationSettings;
  stages: string[];
  statuses: string[];
  errors: ErrorDetail[];
  canEdit: boolean;
  onChange: (settings: AutomationSettings) => void;
}

export function StartingStageTab({
  settings,
  stages,
  statuses,
  errors,
  canEdit,
  onChange,
}: StartingStageTabProps) {
  const firstStatus = statuses[0] ?? '';
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        Where each new contact starts in the pipeline. A stage or status chosen by hand when adding
        a contact wins over these.
      </Text>
      <Table verticalSpacing="sm" layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="28%">Creation method</Table.Th>
            <Table.Th>Starting stage</Table.Th>
            <Table.Th>Starting status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {METHODS.map((method) => {
            const optional = isOptionalMethod(method);
            // Manual contacts never follow the captured status: that one is for machines.
            const statusDefault =
              method === 'manual' || method === 'captured'
                ? `Default (${firstStatus})`
                : 'Same as Captured';
            return (
              <Table.Tr key={method}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {METHOD_LABELS[method]}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={`Starting stage: ${METHOD_LABELS[method]}`}
                    data={[
                      ...(optional ? [{ value: INHERIT, label: 'Same as Captured' }] : []),
                      ...stages.map((stage) => ({ value: stage, label: stage })),
                    ]}
                    value={settings.startingStage[method] ?? INHERIT}
                    allowDeselect={false}
                    readOnly={!canEdit}
                    error={messagesAt(errors, `startingStage.${method}`)[0]}
                    onChange={(stage) => {
                      onChange(
                        setStartingStage(settings, method, stage === INHERIT ? null : stage),
                      );
                    }}
                  />
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={`Starting status: ${METHOD_LABELS[method]}`}
                    data={[
                      { value: INHERIT, label: statusDefault },
                      ...statuses.map((status) => ({ value: status, label: status })),
                    ]}
                    value={settings.startingStatus?.[method] ?? INHERIT}
                    allowDeselect={false}
                    readOnly={!canEdit}
                    error={messagesAt(errors, `startingStatus.${method}`)[0]}
                    onChange={(status) => {
                      onChange(
                        setStartingStatus(settings, method, status === INHERIT ? null : status),
                      );
                    }}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
