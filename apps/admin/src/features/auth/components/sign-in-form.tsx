import { SignInBodySchema } from '@agent-crm/contracts';
import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { FormAlert } from '../../../components/ui/form-alert';
import { isApiError } from '../../../lib/api-client';
import { applyServerErrors, validateWith } from '../../../lib/form-errors';
import { useSignIn, type SignInInput } from '../api/session';

const FIELDS = ['email', 'password'] as const;

export function SignInForm({ onSignedIn }: { onSignedIn: () => Promise<void> | void }) {
  const signIn = useSignIn();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<SignInInput>({
    initialValues: { email: '', password: '' },
    validate: validateWith(SignInBodySchema),
  });

  const handleSubmit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      await signIn.mutateAsync(SignInBodySchema.parse(values));
      await onSignedIn();
    } catch (error) {
      if (isApiError(error, 'invalid_credentials')) {
        setFormError('Wrong email or password');
      } else if (isApiError(error, 'rate_limited')) {
        setFormError(error.message);
      } else {
        setFormError(applyServerErrors(form, error, FIELDS));
      }
    }
  });

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack>
        <FormAlert message={formError} />
        <TextInput
          label="Email"
          type="email"
          autoComplete="username"
          withAsterisk
          {...form.getInputProps('email')}
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          withAsterisk
          {...form.getInputProps('password')}
        />
        <Button type="submit" loading={form.submitting} fullWidth>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
