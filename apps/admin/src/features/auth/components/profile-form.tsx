import { ProfileBodySchema, type Me } from '@agent-crm/contracts';
import { Avatar, Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { FormAlert } from '../../../components/ui/form-alert';
import { applyServerErrors, fieldError } from '../../../lib/form-errors';
import { notifySuccess } from '../../../lib/notify';
import { useUpdateProfile } from '../api/profile';

// The PATCH body is partial; the profile form requires both names.
const firstName = ProfileBodySchema.shape.firstName.unwrap();
const lastName = ProfileBodySchema.shape.lastName.unwrap();
const image = ProfileBodySchema.shape.image.unwrap().unwrap();

export function ProfileForm({ me }: { me: Me }) {
  const updateProfile = useUpdateProfile();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: {
      firstName: me.user.firstName,
      lastName: me.user.lastName,
      image: me.user.image ?? '',
    },
    validate: {
      firstName: (value) => fieldError(firstName, value),
      lastName: (value) => fieldError(lastName, value),
      image: (value) => (value.trim() ? fieldError(image, value.trim()) : null),
    },
  });

  const handleSubmit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      const updated = await updateProfile.mutateAsync({
        firstName: values.firstName.trim(),
        lastName: values.lastName.trim(),
        image: values.image.trim() || null,
      });
      const next = {
        firstName: updated.user.firstName,
        lastName: updated.user.lastName,
        image: updated.user.image ?? '',
      };
      form.setInitialValues(next);
      form.setValues(next);
      notifySuccess('Profile saved');
    } catch (error) {
      setFormError(applyServerErrors(form, error, ['firstName', 'lastName', 'image']));
    }
  });

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack maw={480}>
        <FormAlert message={formError} />
        <Group>
          <Avatar src={form.values.image.trim() || null} name={me.user.name} size="lg" />
        </Group>
        <TextInput label="Email" value={me.user.email} readOnly variant="filled" />
        <TextInput
          label="First name"
          withAsterisk
          maxLength={50}
          autoComplete="given-name"
          {...form.getInputProps('firstName')}
        />
        <TextInput
          label="Last name"
          withAsterisk
          maxLength={50}
          autoComplete="family-name"
          {...form.getInputProps('lastName')}
        />
        <TextInput
          label="Picture URL"
          description="Optional. A link to an image, starting with https://"
          type="url"
          {...form.getInputProps('image')}
        />
        <Group>
          <Button type="submit" loading={form.submitting} disabled={!form.isDirty()}>
            Save changes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
