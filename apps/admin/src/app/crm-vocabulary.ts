import { useCrmSettings } from '../features/crm-settings/api/crm-settings';
import { useCustomFields } from '../features/custom-fields/api/custom-fields';
import type { CrmVocabulary } from '../features/contacts/components/vocabulary';
import { useMembers } from '../features/organizations/api/members';

/** Gathers what the contacts screens need from the CRM settings, custom fields and members. */
export function useCrmVocabulary(agentId: string) {
  const settings = useCrmSettings(agentId);
  const fields = useCustomFields(agentId);
  const members = useMembers();

  const vocabulary: CrmVocabulary | null =
    settings.data && fields.data && members.data
      ? {
          stages: settings.data.stages.map((stage) => stage.name),
          statuses: settings.data.statuses.map((status) => status.name),
          fields: fields.data,
          members: members.data.data,
        }
      : null;

  return {
    vocabulary,
    error: settings.error ?? fields.error ?? members.error,
    retry: () => {
      if (settings.isError) void settings.refetch();
      if (fields.isError) void fields.refetch();
      if (members.isError) void members.refetch();
    },
  };
}
