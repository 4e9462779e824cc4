import { CrmSettingsPatchSchema, MAX_FILE_SIZE_MB, type CrmSettings } from '@agent-crm/contracts';
import { Button, Card, Fieldset, Group, NumberInput, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { FormAlert } from '../../../components/ui/form-alert';
import { applyServerErrors, validateWith } from '../../../lib/form-errors';
import { notifySuccess } from '../../../lib/notify';
import { useUpdateCrmSettings } from '../api/crm-settings';

interface GeneralValues {
  defaultCountry: string;
  fileSizeLimitMb: number | string;
}

interface GeneralSettingsFormProps {
  agentId: string;
  settings: CrmSettings;
  canEdit: boolean;
}

/** Remount with a new `key` when the settings change on the server, to start from their values. */
export function GeneralSettingsForm({ agentId, settings, canEdit }: GeneralSettingsFormProps) {
  const update = useUpdateCrmSettings(agentId);
  const [formError, setFormError] = useState<string | null>(null);
  const validate = validateWith(CrmSettingsPatchSchema);
  const form = useForm<GeneralValues>({
    initialValues: {
      defaultCountry: settings.defaultCountry,
      fileSizeLimitMb: settings.fileSizeLimitMb,
    },
    validate: (values) =>
      validate({
        defaultCountry: values.defaultCountry,
        fileSizeLimitMb: values.fileSizeLimitMb === '' ? undefined : Number(values.fileSizeLimitMb),
      }),
  });

  const handleSubmit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      await update.mutateAsync({
        defaultCountry: values.defaultCountry.trim().toUpperCase(),
        fileSizeLimitMb: Number(values.fileSizeLimitMb),
      });
      notifySuccess('CRM settings saved');
    } catch (error) {
      setFormError(applyServerErrors(form, error, ['defaultCountry', 'fileSizeLimitMb']));
    }
  });

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="general-title">
      <form onSubmit={handleSubmit} noValidate>
        <Stack>
          <Title order={3} id="general-title">
            General
          </Title>
          <FormAlert message={formError} />
          <Fieldset variant="unstyled" disabled={!canEdit}>
            <Group align="flex-start" grow maw={560}>
              <TextInput
                label="Default phone country"
                description="Two letters, e.g. GB. Numbers typed without +country code use it."
                maxLength={2}
                {...form.getInputProps('defaultCountry')}
              />
              <NumberInput
                label="File size limit (MB)"
                description={`Per uploaded file, 1–${MAX_FILE_SIZE_MB}.`}
                min={1}
                max={MAX_FILE_SIZE_MB}
                allowDecimal={false}
                {...form.getInputProps('fileSizeLimitMb')}
              />
            </Group>
          </Fieldset>
          {canEdit ? (
            <Group>
              <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
                Save changes
              </Button>
            </Group>
          ) : null}
        </Stack>
      </form>
    </Card>
  );
}
