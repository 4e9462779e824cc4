import { IconAdjustments } from '@tabler/icons-react';
import { ComingSoon } from '../../components/ui/coming-soon';

export function CrmSettingsRoute() {
  return (
    <ComingSoon
      title="CRM settings"
      icon={<IconAdjustments size={32} />}
      description="Edit this CRM's pipeline stages, statuses and custom fields."
    />
  );
}
