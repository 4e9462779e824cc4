import { AgentCreateSchema, type Agent } from '@agent-crm/contracts';
import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { FormAlert } from '../../../components/ui/form-alert';
import { useCreateAgent, type AgentCreateInput } from '../api/agents';
import { VisibilityFields } from './visibility-fields';
import { applyServerErrors, fieldError } from '../../../lib/form-errors';

const FIELDS = ['name', 'visibility', 'accessMode', 'defaultCountry'] as const;
const nameSchema = AgentCreateSchema.shape.name;
const countrySchema = AgentCreateSchema.shape.defaultCountry.unwrap();

interface CreateAgentDialogProps {
  opened: boolean;
  onClose: () => void;
  onCreated: (agent: Agent) => void;
}

export function CreateAgentDialog({ opened, onClose, onCreated }: CreateAgentDialogProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Create agent" centered>
      {/* Mounted only while open, so every opening starts from an empty form. */}
      {opened ? <CreateAgentForm onCancel={onClose} onCreated={onCreated} /> : null}
    </Modal>
  );
}

function CreateAgentForm({
  onCancel,
  onCreated,
}: {
  onCancel: () => void;
  onCreated: (agent: Agent) => void;
}) {
  const createAgent = useCreateAgent();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<AgentCreateInput>({
    initialValues: { name: '', visibility: 'private', accessMode: 'free', defaultCountry: 'US' },
    validate: {
      name: (value) => fieldError(nameSchema, value),
      defaultCountry: (value) => fieldError(countrySchema, value),
    },
  });

  const handleSubmit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      const agent = await createAgent.mutateAsync({
        ...values,
        name: values.name.trim(),
        defaultCountry: values.defaultCountry.trim().toUpperCase(),
      });
      onCreated(agent);
    } catch (error) {
      setFormError(applyServerErrors(form, error, FIELDS));
    }
  });

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack>
        <FormAlert message={formError} />
        <TextInput
          label="Agent name"
          placeholder="Reception assistant"
          withAsterisk
          data-autofocus
          maxLength={100}
          {...form.getInputProps('name')}
        />
        <VisibilityFields
          visibility={form.values.visibility}
          accessMode={form.values.accessMode}
          onVisibilityChange={(value) => {
            form.setFieldValue('visibility', value);
          }}
          onAccessModeChange={(value) => {
            form.setFieldValue('accessMode', value);
          }}
          visibilityError={form.errors.visibility}
          accessModeError={form.errors.accessMode}
        />
        <TextInput
          label="Default country"
          description="Two-letter code, used to read phone numbers without a country prefix"
          maxLength={2}
          w={220}
          styles={{ input: { textTransform: 'uppercase' } }}
          {...form.getInputProps('defaultCountry')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={form.submitting}>
            Create agent
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
