import { PasswordSchema, PersonNameSchema } from '@agent-crm/contracts';
import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { FormAlert } from '../../../components/ui/form-alert';
import { applyServerErrors, fieldError } from '../../../lib/form-errors';
import { useAcceptInvitation } from '../api/session';

const FIELDS = ['name', 'password'] as const;

interface AcceptInvitationFormProps {
  token: string;
  email: string;
  onAccepted: () => Promise<void> | void;
}

export function AcceptInvitationForm({ token, email, onAccepted }: AcceptInvitationFormProps) {
  const accept = useAcceptInvitation();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: '', password: '' },
    validate: {
      name: (value) => fieldError(PersonNameSchema, value),
      password: (value) => fieldError(PasswordSchema, value),
    },
  });

  const handleSubmit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      await accept.mutateAsync({ token, name: values.name.trim(), password: values.password });
      await onAccepted();
    } catch (error) {
      setFormError(applyServerErrors(form, error, FIELDS));
    }
  });

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack>
        <FormAlert message={formError} />
        <TextInput label="Email" value={email} readOnly variant="filled" />
        <TextInput
          label="Your name"
          autoComplete="name"
          withAsterisk
          {...form.getInputProps('name')}
        />
        <PasswordInput
          label="Password"
          description="At least 8 characters"
          autoComplete="new-password"
          withAsterisk
          {...form.getInputProps('password')}
        />
        <Button type="submit" loading={form.submitting} fullWidth>
          Accept invitation
        </Button>
      </Stack>
    </form>
  );
}
