import type { Agent } from '@agent-crm/contracts';
import { Radio, Stack } from '@mantine/core';

type Visibility = Agent['visibility'];
type AccessMode = Agent['accessMode'];

interface VisibilityFieldsProps {
  visibility: Visibility;
  accessMode: AccessMode;
  onVisibilityChange: (value: Visibility) => void;
  onAccessModeChange: (value: AccessMode) => void;
  visibilityError?: React.ReactNode;
  accessModeError?: React.ReactNode;
  disabled?: boolean;
}

/** Who may chat with the agent; the access mode only matters for public agents. */
export function VisibilityFields({
  visibility,
  accessMode,
  onVisibilityChange,
  onAccessModeChange,
  visibilityError,
  accessModeError,
  disabled = false,
}: VisibilityFieldsProps) {
  return (
    <Stack gap="md">
      <Radio.Group<Visibility>
        label="Visibility"
        value={visibility}
        onChange={onVisibilityChange}
        error={visibilityError}
        disabled={disabled}
      >
        <Stack gap="xs" mt="xs">
          <Radio
            value="private"
            label="Private"
            description="Only signed-in members can chat with it, in the admin playground."
          />
          <Radio
            value="public"
            label="Public"
            description="Visitors can chat with it through the widget or a share link."
          />
        </Stack>
      </Radio.Group>
      {visibility === 'public' ? (
        <Radio.Group<AccessMode>
          label="Access mode"
          value={accessMode}
          onChange={onAccessModeChange}
          error={accessModeError}
          disabled={disabled}
        >
          <Stack gap="xs" mt="xs">
            <Radio value="free" label="Use for free" description="Anyone can chat." />
            <Radio
              value="restricted"
              label="Restrict"
              description="Only people in this agent's CRM, after signing in with an email code."
            />
            <Radio
              value="paid"
              label="Pay for access"
              description="Only visitors with a paid, unexpired grant."
            />
          </Stack>
        </Radio.Group>
      ) : null}
    </Stack>
  );
}
