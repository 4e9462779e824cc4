import { SetupBodySchema, type SetupBody } from '@agent-crm/contracts';
import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { FormAlert } from '../../../components/ui/form-alert';
import { applyServerErrors, validateWith } from '../../../lib/form-errors';

const FIELDS = ['organizationName', 'name', 'email', 'password'] as const;

interface OrganizationSignupFormProps {
  submitLabel: string;
  onSubmit: (values: SetupBody) => Promise<unknown>;
}

/** Creates an organization and its owner: the first-run setup and, when allowed, sign-up. */
export function OrganizationSignupForm({ submitLabel, onSubmit }: OrganizationSignupFormProps) {
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<SetupBody>({
    initialValues: { organizationName: '', name: '', email: '', password: '' },
    validate: validateWith(SetupBodySchema),
  });

  const handleSubmit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      await onSubmit(SetupBodySchema.parse(values));
    } catch (error) {
      setFormError(applyServerErrors(form, error, FIELDS));
    }
  });

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack>
        <FormAlert message={formError} />
        <TextInput
          label="Organization name"
          autoComplete="organization"
          withAsterisk
          {...form.getInputProps('organizationName')}
        />
        <TextInput
          label="Your name"
          autoComplete="name"
          withAsterisk
          {...form.getInputProps('name')}
        />
        <TextInput
          label="Email"
          type="email"
          autoComplete="email"
          withAsterisk
          {...form.getInputProps('email')}
        />
        <PasswordInput
          label="Password"
          description="At least 8 characters"
          autoComplete="new-password"
          withAsterisk
          {...form.getInputProps('password')}
        />
        <Button type="submit" loading={form.submitting} fullWidth>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
