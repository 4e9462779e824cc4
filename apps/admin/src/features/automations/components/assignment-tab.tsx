import type { AutomationSettings, CreationMethod, ErrorDetail, Member } from '@agent-crm/contracts';
import { Alert, Group, Indicator, SegmentedControl, Stack, Switch, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import {
  METHOD_LABELS,
  METHODS,
  STRATEGY_LABELS,
  customizeMethod,
  effectiveRule,
  isOptionalMethod,
  memberLabel,
  methodsWithProblems,
  setRule,
} from '../rules';
import { SlotCard } from './slot-card';

interface AssignmentTabProps {
  settings: AutomationSettings;
  method: CreationMethod;
  onMethodChange: (method: CreationMethod) => void;
  members: Member[];
  accessIds: string[] | null;
  orgOwnerId: string | null;
  errors: ErrorDetail[];
  canEdit: boolean;
  onChange: (settings: AutomationSettings) => void;
}

/** One sentence for the captured rule, shown where another method follows it. */
function describeCapturedRule(settings: AutomationSettings, members: Member[]): string {
  const { primary, secondary } = settings.assignment.captured;
  const describe = (slot: typeof primary) => {
    if (slot.strategy === 'member' && slot.memberId) return memberLabel(members, slot.memberId);
    if (slot.strategy === 'round_robin') {
      return `Round robin (${(slot.pool ?? []).map((id) => memberLabel(members, id)).join(', ')})`;
    }
    return STRATEGY_LABELS[slot.strategy];
  };
  return `Primary: ${describe(primary)}. Secondary: ${secondary ? describe(secondary) : 'none'}.`;
}

export function AssignmentTab({
  settings,
  method,
  onMethodChange,
  members,
  accessIds,
  orgOwnerId,
  errors,
  canEdit,
  onChange,
}: AssignmentTabProps) {
  const withProblems = methodsWithProblems(
    errors.filter((detail) => detail.path.replace(/^body\./, '').startsWith('assignment.')),
  );
  const isCustom = !isOptionalMethod(method) || settings.assignment[method] !== undefined;
  const rule = effectiveRule(settings, method);

  return (
    <Stack gap="md">
      <div>
        <Text size="sm" fw={500} mb={4}>
          Creation method
        </Text>
        <SegmentedControl
          aria-label="Creation method"
          value={method}
          onChange={(value) => {
            const next = METHODS.find((item) => item === value);
            if (next) onMethodChange(next);
          }}
          data={METHODS.map((item) => ({
            value: item,
            label: (
              <Indicator
                color="red"
                size={8}
                offset={-4}
                disabled={!withProblems.has(item)}
                aria-label={withProblems.has(item) ? 'has problems' : undefined}
              >
                <span>{METHOD_LABELS[item]}</span>
              </Indicator>
            ),
          }))}
        />
      </div>

      {isOptionalMethod(method) ? (
        <Switch
          label={`Customize for ${METHOD_LABELS[method]}`}
          description={`Give contacts that arrive via ${METHOD_LABELS[method]} their own owners instead of the Captured rule.`}
          checked={isCustom}
          disabled={!canEdit}
          onChange={(event) => {
            onChange(customizeMethod(settings, method, event.currentTarget.checked));
          }}
        />
      ) : null}

      {isCustom ? (
        <Group align="stretch" wrap="nowrap" gap="md">
          {(['primary', 'secondary'] as const).map((slot) => (
            <SlotCard
              key={`${method}-${slot}`}
              method={method}
              slot={slot}
              rule={rule}
              members={members}
              accessIds={accessIds}
              orgOwnerId={orgOwnerId}
              errors={errors}
              canEdit={canEdit}
              onChange={(value) => {
                const next =
                  slot === 'primary'
                    ? { ...rule, primary: value ?? { strategy: 'none' as const } }
                    : { ...rule, secondary: value };
                onChange(setRule(settings, method, next));
              }}
            />
          ))}
        </Group>
      ) : (
        <Alert icon={<IconInfoCircle size={18} />} color="gray" title="Follows the Captured rule">
          {describeCapturedRule(settings, members)}
        </Alert>
      )}
    </Stack>
  );
}
