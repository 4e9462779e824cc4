import { ContactWriteSchema, type ContactWrite, type FieldValue } from '@agent-crm/contracts';
import {
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFileTypeCsv, IconUser } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { FormAlert } from '../../../components/ui/form-alert';
import { isApiError } from '../../../lib/api-client';
import { applyServerErrors, validateWith } from '../../../lib/form-errors';
import { notifySuccess } from '../../../lib/notify';
import { useCreateContact, useDuplicates } from '../api/contacts';
import { CustomFieldInput } from './custom-field-input';
import { duplicateErrors } from './duplicate-errors';
import { DuplicateWarning } from './duplicate-warning';
import {
  initialFieldValues,
  isEmptyFieldValue,
  requiredFieldErrors,
  toFieldValue,
  type FieldFormValue,
} from './field-values';
import { contactTitle, type CrmVocabulary } from './vocabulary';

const FIELDS = ['name', 'email', 'phone', 'stage', 'status', 'fields'] as const;
const NEED_EMAIL_OR_PHONE = 'Enter an email or a mobile number';

interface ContactFormValues {
  name: string;
  email: string;
  phone: string;
  stage: string | null;
  status: string | null;
  fields: Record<string, FieldFormValue>;
}

interface AddContactDialogProps {
  agentId: string;
  vocabulary: CrmVocabulary;
  opened: boolean;
  onClose: () => void;
}

export function AddContactDialog({ agentId, vocabulary, opened, onClose }: AddContactDialogProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Add contact" size="lg">
      {opened ? (
        <Tabs defaultValue="single">
          <Tabs.List mb="md">
            <Tabs.Tab value="single" leftSection={<IconUser size={16} />}>
              Single person
            </Tabs.Tab>
            <Tabs.Tab value="csv" leftSection={<IconFileTypeCsv size={16} />}>
              CSV
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="single">
            <SinglePersonForm agentId={agentId} vocabulary={vocabulary} onClose={onClose} />
          </Tabs.Panel>
          <Tabs.Panel value="csv">
            <Text size="sm" c="dimmed">
              CSV import is coming soon: upload a file, map its columns to contact fields and custom
              fields, and review duplicates before anything is saved.
            </Text>
          </Tabs.Panel>
        </Tabs>
      ) : null}
    </Modal>
  );
}

function SinglePersonForm({
  agentId,
  vocabulary,
  onClose,
}: {
  agentId: string;
  vocabulary: CrmVocabulary;
  onClose: () => void;
}) {
  const { fields, stages, statuses } = vocabulary;
  const createContact = useCreateContact(agentId);
  const [formError, setFormError] = useState<string | null>(null);
  const validateStandard = validateWith(ContactWriteSchema);
  const form = useForm<ContactFormValues>({
    initialValues: {
      name: '',
      email: '',
      phone: '',
      // Left empty, the agent's Automations choose the starting stage and status.
      stage: null,
      status: null,
      fields: initialFieldValues(fields),
    },
    validate: (values) => {
      const errors: Record<string, ReactNode> = {
        ...validateStandard({
          name: values.name,
          email: values.email,
          phone: values.phone,
        }),
        ...requiredFieldErrors(fields, values.fields),
      };
      if (!values.email.trim() && !values.phone.trim()) {
        errors.email = NEED_EMAIL_OR_PHONE;
        errors.phone = NEED_EMAIL_OR_PHONE;
      }
      return errors;
    },
  });

  const [typed] = useDebouncedValue(
    {
      name: form.values.name.trim(),
      email: form.values.email.trim(),
      phone: form.values.phone.trim(),
    },
    400,
  );
  const duplicates = useDuplicates(agentId, typed);

  const toBody = (values: ContactFormValues): ContactWrite => {
    const fieldValues: Record<string, FieldValue> = {};
    for (const field of fields) {
      const value = toFieldValue(field, values.fields[field.key] ?? null);
      if (!isEmptyFieldValue(value) && !(field.type === 'boolean' && value === false)) {
        fieldValues[field.key] = value;
      }
    }
    return {
      name: values.name.trim() || null,
      email: values.email.trim() || null,
      phone: values.phone.trim() || null,
      ...(values.stage ? { stage: values.stage } : {}),
      ...(values.status ? { status: values.status } : {}),
      fields: fieldValues,
    };
  };

  const handleSubmit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      const contact = await createContact.mutateAsync(toBody(values));
      notifySuccess(`Added ${contactTitle(contact)}`);
      onClose();
    } catch (error) {
      if (isApiError(error, 'duplicate_contact')) {
        const errors = duplicateErrors(error, agentId, onClose);
        form.setErrors(errors);
        if (Object.keys(errors).length === 0) setFormError(error.message);
        return;
      }
      setFormError(applyServerErrors(form, error, FIELDS));
    }
  });

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack>
        <FormAlert message={formError} />
        <TextInput label="Name" data-autofocus {...form.getInputProps('name')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Email" type="email" {...form.getInputProps('email')} />
          <TextInput
            label="Mobile number"
            type="tel"
            description="Any format; saved in international form."
            {...form.getInputProps('phone')}
          />
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt={-8}>
          An email or a mobile number is required.
        </Text>
        <DuplicateWarning agentId={agentId} candidates={duplicates.data ?? []} />
        {fields.map((field) => (
          <CustomFieldInput
            key={field.id}
            field={field}
            value={form.values.fields[field.key] ?? null}
            error={form.errors[`fields.${field.key}`]}
            onChange={(value) => {
              form.setFieldValue(`fields.${field.key}`, value);
            }}
          />
        ))}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Stage"
            data={stages}
            clearable
            placeholder="Starting stage (Automations)"
            {...form.getInputProps('stage')}
          />
          <Select
            label="Status"
            data={statuses}
            clearable
            placeholder="Starting status (Automations)"
            {...form.getInputProps('status')}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={createContact.isPending}>
            Save contact
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
