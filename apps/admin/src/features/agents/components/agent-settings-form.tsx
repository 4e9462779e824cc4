import { AgentPatchSchema, type Agent, type AgentPatch } from '@agent-crm/contracts';
import {
  ActionIcon,
  Button,
  Card,
  Fieldset,
  Group,
  Input,
  Stack,
  Switch,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { FormAlert } from '../../../components/ui/form-alert';
import { applyServerErrors, validateWith } from '../../../lib/form-errors';
import { notifySuccess } from '../../../lib/notify';
import { useUpdateAgent } from '../api/agents';
import { VisibilityFields } from './visibility-fields';

const MAX_QUESTIONS = 10;
const FIELDS = [
  'name',
  'instructions',
  'welcomeMessage',
  'suggestedQuestions',
  'model',
  'visibility',
  'accessMode',
  'defaultCountry',
  'aiCapture',
] as const;

interface AgentSettingsValues {
  name: string;
  instructions: string;
  welcomeMessage: string;
  suggestedQuestions: string[];
  model: string;
  visibility: Agent['visibility'];
  accessMode: Agent['accessMode'];
  defaultCountry: string;
  aiCapture: Agent['aiCapture'];
}

function toValues(agent: Agent): AgentSettingsValues {
  return {
    name: agent.name,
    instructions: agent.instructions,
    welcomeMessage: agent.welcomeMessage,
    suggestedQuestions: agent.suggestedQuestions,
    model: agent.model ?? '',
    visibility: agent.visibility,
    accessMode: agent.accessMode,
    defaultCountry: agent.defaultCountry,
    aiCapture: agent.aiCapture,
  };
}

function toPatch(values: AgentSettingsValues): AgentPatch {
  return AgentPatchSchema.parse({ ...values, model: values.model.trim() || null });
}

interface AgentSettingsFormProps {
  agent: Agent;
  canEdit: boolean;
}

/** Remount with a new `key` when the agent changes on the server, to start from its values. */
export function AgentSettingsForm({ agent, canEdit }: AgentSettingsFormProps) {
  const updateAgent = useUpdateAgent(agent.id);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<AgentSettingsValues>({
    initialValues: toValues(agent),
    validate: validateWith(AgentPatchSchema),
  });

  const handleSubmit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      await updateAgent.mutateAsync(toPatch(values));
      notifySuccess('Agent settings saved');
    } catch (error) {
      setFormError(applyServerErrors(form, error, FIELDS));
    }
  });

  const questions = form.values.suggestedQuestions;

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="lg">
        <FormAlert message={formError} />
        <Fieldset legend="Conversation" disabled={!canEdit} variant="unstyled">
          <Card withBorder padding="lg">
            <Stack>
              <TextInput
                label="Agent name"
                withAsterisk
                maxLength={100}
                {...form.getInputProps('name')}
              />
              <Textarea
                label="Instructions"
                description="The agent's system prompt: who it is, what it knows, how it answers."
                autosize
                minRows={5}
                maxRows={20}
                {...form.getInputProps('instructions')}
              />
              <Textarea
                label="Welcome message"
                description="The first message visitors see."
                autosize
                minRows={2}
                {...form.getInputProps('welcomeMessage')}
              />
              <Stack gap="xs">
                <div>
                  <Input.Label>Suggested questions</Input.Label>
                  <Input.Description>
                    Up to {MAX_QUESTIONS} short questions shown as buttons under the welcome
                    message.
                  </Input.Description>
                </div>
                {questions.map((_question, index) => (
                  <Group key={form.key(`suggestedQuestions.${index}`)} gap="xs" wrap="nowrap">
                    <TextInput
                      aria-label={`Suggested question ${index + 1}`}
                      placeholder="What are your opening hours?"
                      maxLength={200}
                      style={{ flex: 1 }}
                      {...form.getInputProps(`suggestedQuestions.${index}`)}
                    />
                    {canEdit ? (
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Remove question ${index + 1}`}
                        onClick={() => {
                          form.removeListItem('suggestedQuestions', index);
                        }}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    ) : null}
                  </Group>
                ))}
                {canEdit && questions.length < MAX_QUESTIONS ? (
                  <Button
                    variant="light"
                    size="xs"
                    leftSection={<IconPlus size={14} />}
                    style={{ alignSelf: 'flex-start' }}
                    onClick={() => {
                      form.insertListItem('suggestedQuestions', '');
                    }}
                  >
                    Add question
                  </Button>
                ) : null}
              </Stack>
              <TextInput
                label="Model"
                description="Optional. Leave empty to use the server's configured model."
                placeholder="gpt-4o-mini"
                {...form.getInputProps('model')}
              />
            </Stack>
          </Card>
        </Fieldset>

        <Fieldset legend="Who can chat" disabled={!canEdit} variant="unstyled">
          <Card withBorder padding="lg">
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
              disabled={!canEdit}
            />
          </Card>
        </Fieldset>

        <Fieldset legend="Contact capture" disabled={!canEdit} variant="unstyled">
          <Card withBorder padding="lg">
            <Stack>
              <TextInput
                label="Default country"
                description="Two-letter code, used to read phone numbers without a country prefix."
                maxLength={2}
                w={260}
                styles={{ input: { textTransform: 'uppercase' } }}
                {...form.getInputProps('defaultCountry')}
              />
              <Stack gap="xs">
                <Input.Label>Allow the AI to capture</Input.Label>
                <Switch
                  label="Capture name"
                  {...form.getInputProps('aiCapture.name', { type: 'checkbox' })}
                />
                <Switch
                  label="Capture email"
                  {...form.getInputProps('aiCapture.email', { type: 'checkbox' })}
                />
                <Switch
                  label="Capture phone"
                  {...form.getInputProps('aiCapture.phone', { type: 'checkbox' })}
                />
              </Stack>
            </Stack>
          </Card>
        </Fieldset>

        {canEdit ? (
          <Group justify="flex-end">
            <Button
              variant="default"
              disabled={!form.isDirty() || form.submitting}
              onClick={() => {
                form.reset();
                setFormError(null);
              }}
            >
              Discard changes
            </Button>
            <Button type="submit" loading={form.submitting}>
              Save changes
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}
