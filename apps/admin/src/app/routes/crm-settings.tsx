import { Loader, Stack } from '@mantine/core';
import { useParams } from 'react-router';
import { PageHeader } from '../../components/ui/page-header';
import { QueryError } from '../../components/ui/query-error';
import { useCrmSettings } from '../../features/crm-settings/api/crm-settings';
import { GeneralSettingsForm } from '../../features/crm-settings/components/general-settings-form';
import { PipelineSection } from '../../features/crm-settings/components/pipeline-section';
import { useCustomFields } from '../../features/custom-fields/api/custom-fields';
import { CustomFieldsSection } from '../../features/custom-fields/components/custom-fields-section';
import { canManageCrm, useMe } from '../../lib/auth';

export function CrmSettingsRoute() {
  const { agentId = '' } = useParams();
  const { role } = useMe();
  const canEdit = canManageCrm(role);
  const settings = useCrmSettings(agentId);
  const fields = useCustomFields(agentId);

  return (
    <Stack maw={860} gap="lg">
      <PageHeader
        title="CRM settings"
        description={
          canEdit
            ? 'Pipeline stages, statuses and custom fields of this CRM.'
            : 'Only owners and admins can change these settings.'
        }
      />
      {settings.isPending ? (
        <Loader />
      ) : settings.isError ? (
        <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <>
          <PipelineSection
            agentId={agentId}
            kind="stages"
            items={settings.data.stages}
            canEdit={canEdit}
          />
          <PipelineSection
            agentId={agentId}
            kind="statuses"
            items={settings.data.statuses}
            canEdit={canEdit}
          />
        </>
      )}
      {fields.isPending ? (
        <Loader />
      ) : fields.isError ? (
        <QueryError error={fields.error} onRetry={() => void fields.refetch()} />
      ) : (
        <CustomFieldsSection agentId={agentId} fields={fields.data} canEdit={canEdit} />
      )}
      {settings.data ? (
        <GeneralSettingsForm
          key={`${settings.data.defaultCountry}:${settings.data.fileSizeLimitMb}`}
          agentId={agentId}
          settings={settings.data}
          canEdit={canEdit}
        />
      ) : null}
    </Stack>
  );
}
