import { InvitationCreateSchema, type Invitation } from '@agent-crm/contracts';
import { Button, Group, Modal, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { FormAlert } from '../../../components/ui/form-alert';
import { applyServerErrors, validateWith } from '../../../lib/form-errors';
import { useCreateInvitation } from '../api/invitations';
import { InvitationLink } from './invitation-link';

type InvitableRole = 'admin' | 'user';

interface InviteMemberDialogProps {
  opened: boolean;
  roles: InvitableRole[];
  onClose: () => void;
}

export function InviteMemberDialog({ opened, roles, onClose }: InviteMemberDialogProps) {
  const [created, setCreated] = useState<Invitation | null>(null);
  const close = () => {
    setCreated(null);
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title="Invite member" centered>
      {created ? (
        <Stack>
          <InvitationLink invitation={created} />
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : opened ? (
        <InviteForm roles={roles} onCancel={close} onCreated={setCreated} />
      ) : null}
    </Modal>
  );
}

function InviteForm({
  roles,
  onCancel,
  onCreated,
}: {
  roles: InvitableRole[];
  onCancel: () => void;
  onCreated: (invitation: Invitation) => void;
}) {
  const createInvitation = useCreateInvitation();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<{ email: string; role: InvitableRole }>({
    initialValues: { email: '', role: 'user' },
    validate: validateWith(InvitationCreateSchema),
  });

  const handleSubmit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      onCreated(await createInvitation.mutateAsync(InvitationCreateSchema.parse(values)));
    } catch (error) {
      setFormError(applyServerErrors(form, error, ['email', 'role']));
    }
  });

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack>
        <FormAlert message={formError} />
        <TextInput
          label="Email"
          type="email"
          withAsterisk
          data-autofocus
          {...form.getInputProps('email')}
        />
        {roles.length > 1 ? (
          <Radio.Group<InvitableRole>
            label="Role"
            value={form.values.role}
            onChange={(value) => {
              form.setFieldValue('role', value);
            }}
            error={form.errors.role}
          >
            <Stack gap="xs" mt="xs">
              <Radio
                value="admin"
                label="Admin"
                description="Manages agents, their CRMs and settings; invites users."
              />
              <Radio
                value="user"
                label="User"
                description="Works in the agents shared with them."
              />
            </Stack>
          </Radio.Group>
        ) : (
          <Text size="sm" c="dimmed">
            They will join with the User role and work in the agents you share with them.
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={form.submitting}>
            Send invitation
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
