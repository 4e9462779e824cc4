import { Loader } from '@mantine/core';
import { useParams } from 'react-router';
import { QueryError } from '../../components/ui/query-error';
import { useCustomFields } from '../../features/custom-fields/api/custom-fields';
import { useForm } from '../../features/forms/api/forms';
import { FormBuilder } from '../../features/forms/components/form-builder';
import { canManageCrm, useMe } from '../../lib/auth';

export function FormBuilderRoute() {
  const { agentId = '', formId = '' } = useParams();
  const { role } = useMe();
  const form = useForm(agentId, formId);
  const fields = useCustomFields(agentId);
  if (form.isError) return <QueryError error={form.error} onRetry={() => void form.refetch()} />;
  if (fields.isError)
    return <QueryError error={fields.error} onRetry={() => void fields.refetch()} />;
  if (form.isPending || fields.isPending) return <Loader m="xl" />;
  return (
    <FormBuilder
      // A different form (after duplicating) starts a fresh draft.
      key={form.data.id}
      agentId={agentId}
      form={form.data}
      customFields={fields.data}
      canManage={canManageCrm(role)}
    />
  );
}
