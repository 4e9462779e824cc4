import { ContactWriteSchema, type Contact, type ContactWrite } from '@agent-crm/contracts';
import { Button, Fieldset, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState, type ReactNode } from 'react';
import { FormAlert } from '../../../components/ui/form-alert';
import { isApiError } from '../../../lib/api-client';
import { applyServerErrors, validateWith } from '../../../lib/form-errors';
import { notifySuccess } from '../../../lib/notify';
import { useUpdateContact } from '../api/contacts';
import { CustomFieldInput } from './custom-field-input';
import { duplicateErrors } from './duplicate-errors';
import {
  changedFieldValues,
  initialFieldValues,
  requiredFieldErrors,
  type FieldFormValue,
} from './field-values';
import type { CrmVocabulary } from './vocabulary';

const FIELDS = ['name', 'email', 'phone', 'fields'] as const;

interface GeneralValues {
  name: string;
  email: string;
  phone: string;
  fields: Record<string, FieldFormValue>;
}

interface ContactGeneralTabProps {
  agentId: string;
  contact: Contact;
  vocabulary: CrmVocabulary;
  canEdit: boolean;
}

/** Remount with a new `key` when the contact changes on the server, to start from its values. */
export function ContactGeneralTab({
  agentId,
  contact,
  vocabulary,
  canEdit,
}: ContactGeneralTabProps) {
  const { fields } = vocabulary;
  const update = useUpdateContact(agentId, contact.id, true);
  const [formError, setFormError] = useState<string | null>(null);
  const validateStandard = validateWith(ContactWriteSchema);
  const form = useForm<GeneralValues>({
    initialValues: {
      name: contact.name ?? '',
      email: contact.email ?? '',
      phone: contact.phone ?? '',
      fields: initialFieldValues(fields, contact.fields),
    },
    validate: (values) => {
      const errors: Record<string, ReactNode> = {
        ...validateStandard({ name: values.name, email: values.email, phone: values.phone }),
        ...requiredFieldErrors(fields, values.fields),
      };
      if (!values.email.trim() && !values.phone.trim()) {
        errors.email = 'Enter an email or a mobile number';
      }
      return errors;
    },
  });

  const toPatch = (values: GeneralValues): ContactWrite => {
    const patch: ContactWrite = {};
    const standard = { name: contact.name, email: contact.email, phone: contact.phone };
    for (const key of ['name', 'email', 'phone'] as const) {
      const next = values[key].trim() || null;
      if (next !== standard[key]) patch[key] = next;
    }
    const changedFields = changedFieldValues(fields, contact.fields, values.fields);
    if (Object.keys(changedFields).length > 0) patch.fields = changedFields;
    return patch;
  };

  const handleSubmit = form.onSubmit(async (values) => {
    setFormError(null);
    const patch = toPatch(values);
    if (Object.keys(patch).length === 0) {
      form.resetDirty();
      return;
    }
    try {
      await update.mutateAsync(patch);
      notifySuccess('Contact saved');
    } catch (error) {
      if (isApiError(error, 'duplicate_contact')) {
        form.setErrors(duplicateErrors(error, agentId));
        return;
      }
      setFormError(applyServerErrors(form, error, FIELDS));
    }
  });

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack maw={720}>
        <FormAlert message={formError} />
        {canEdit ? null : (
          <Text size="sm" c="dimmed">
            Only owners and admins can edit a contact&apos;s details.
          </Text>
        )}
        <Fieldset legend="Contact details" disabled={!canEdit}>
          <Stack>
            <TextInput label="Name" {...form.getInputProps('name')} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label="Email" type="email" {...form.getInputProps('email')} />
              <TextInput
                label="Mobile number"
                type="tel"
                description="Any format; saved in international form."
                {...form.getInputProps('phone')}
              />
            </SimpleGrid>
            {contact.externalId ? (
              <TextInput label="External ID" value={contact.externalId} readOnly />
            ) : null}
          </Stack>
        </Fieldset>
        {fields.length > 0 ? (
          <Fieldset legend="Custom fields" disabled={!canEdit}>
            <Stack>
              {fields.map((field) => (
                <CustomFieldInput
                  key={field.id}
                  field={field}
                  disabled={!canEdit}
                  value={form.values.fields[field.key] ?? null}
                  error={form.errors[`fields.${field.key}`]}
                  onChange={(value) => {
                    form.setFieldValue(`fields.${field.key}`, value);
                  }}
                />
              ))}
            </Stack>
          </Fieldset>
        ) : null}
        {canEdit ? (
          <Group justify="flex-end">
            <Button variant="default" disabled={!form.isDirty()} onClick={form.reset}>
              Discard
            </Button>
            <Button type="submit" loading={update.isPending}>
              Save changes
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}
