import { IconForms } from '@tabler/icons-react';
import { ComingSoon } from '../../components/ui/coming-soon';

export function FormsRoute() {
  return (
    <ComingSoon
      title="Forms"
      icon={<IconForms size={32} />}
      description="Build forms that add people to this agent's CRM, share them by link or embed them on a site."
    />
  );
}
