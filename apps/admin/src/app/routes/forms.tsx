import type { FormListItem } from '@agent-crm/contracts';
import { Button, EmptyState, Loader } from '@mantine/core';
import { IconForms, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { PageHeader } from '../../components/ui/page-header';
import { QueryError } from '../../components/ui/query-error';
import {
  useCreateForm,
  useDeleteForm,
  useDuplicateForm,
  useForms,
} from '../../features/forms/api/forms';
import { FormsTable } from '../../features/forms/components/forms-table';
import { canManageCrm, useMe } from '../../lib/auth';
import { notifySuccess } from '../../lib/notify';

/** A new form starts with the questions most forms ask. */
const STARTER_FIELDS = [
  { type: 'short_text', label: 'Name', required: true, mapTo: 'name' },
  { type: 'email', label: 'Email', required: true, mapTo: 'email' },
] as const;

export function FormsRoute() {
  const { agentId = '' } = useParams();
  const { role } = useMe();
  const canManage = canManageCrm(role);
  const navigate = useNavigate();
  const forms = useForms(agentId);
  const create = useCreateForm(agentId);
  const duplicate = useDuplicateForm(agentId);
  const remove = useDeleteForm(agentId);
  const [deleting, setDeleting] = useState<FormListItem | null>(null);

  const newForm = () => {
    create.mutate(
      { title: 'Untitled form', fields: STARTER_FIELDS.map((field) => ({ ...field })) },
      { onSuccess: (form) => void navigate(`/agents/${agentId}/forms/${form.id}`) },
    );
  };

  const addButton = canManage ? (
    <Button leftSection={<IconPlus size={16} />} onClick={newForm} loading={create.isPending}>
      New form
    </Button>
  ) : null;

  return (
    <>
      <PageHeader
        title="Forms"
        description="Forms add people to this agent's CRM. Share them by link or embed them on a site."
        actions={addButton}
      />
      {forms.isPending ? (
        <Loader />
      ) : forms.isError ? (
        <QueryError error={forms.error} onRetry={() => void forms.refetch()} />
      ) : forms.data.data.length === 0 ? (
        <EmptyState
          mt="xl"
          variant="light"
          size="lg"
          icon={<IconForms size={32} />}
          title="No forms yet"
          description={
            canManage
              ? 'Build a form by dragging questions onto it, publish it, and every answer lands here as a contact.'
              : 'When an owner or admin builds a form, it shows up here.'
          }
        />
      ) : (
        <FormsTable
          agentId={agentId}
          forms={forms.data.data}
          canManage={canManage}
          onDuplicate={(form) => {
            duplicate.mutate(form.id, {
              onSuccess: (copy) => {
                notifySuccess(`Created "${copy.title}"`);
              },
            });
          }}
          onDelete={setDeleting}
        />
      )}
      <ConfirmDialog
        opened={deleting !== null}
        title="Delete this form?"
        message={`"${deleting?.title ?? ''}" and all its submissions will be deleted. Contacts it created stay.`}
        confirmLabel="Delete form"
        isPending={remove.isPending}
        onClose={() => {
          setDeleting(null);
        }}
        onConfirm={() => {
          if (!deleting) return;
          remove.mutate(deleting.id, {
            onSuccess: () => {
              setDeleting(null);
            },
          });
        }}
      />
    </>
  );
}
