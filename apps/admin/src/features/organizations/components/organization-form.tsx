import { OrganizationPatchSchema, type Organization } from '@agent-crm/contracts';
import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { FormAlert } from '../../../components/ui/form-alert';
import { applyServerErrors, validateWith } from '../../../lib/form-errors';
import { notifySuccess } from '../../../lib/notify';
import { useRenameOrganization } from '../api/organization';

interface OrganizationFormProps {
  organization: Organization;
  canEdit: boolean;
}

export function OrganizationForm({ organization, canEdit }: OrganizationFormProps) {
  const rename = useRenameOrganization();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: organization.name },
    validate: validateWith(OrganizationPatchSchema),
  });

  const handleSubmit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      const { name } = OrganizationPatchSchema.parse(values);
      const updated = await rename.mutateAsync(name);
      form.setInitialValues({ name: updated.name });
      form.setValues({ name: updated.name });
      notifySuccess('Organization renamed');
    } catch (error) {
      setFormError(applyServerErrors(form, error, ['name']));
    }
  });

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack maw={480}>
        <FormAlert message={formError} />
        <TextInput
          label="Organization name"
          description={canEdit ? '3 to 100 characters.' : 'Only the owner can rename it.'}
          readOnly={!canEdit}
          maxLength={100}
          {...form.getInputProps('name')}
        />
        {canEdit ? (
          <Group>
            <Button type="submit" loading={form.submitting} disabled={!form.isDirty()}>
              Save changes
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}
