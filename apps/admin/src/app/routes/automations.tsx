import { IconBolt } from '@tabler/icons-react';
import { ComingSoon } from '../../components/ui/coming-soon';

export function AutomationsRoute() {
  return (
    <ComingSoon
      title="Automations"
      icon={<IconBolt size={32} />}
      description="Decide who owns each new contact and which stage it starts in, for each way contacts arrive."
    />
  );
}
