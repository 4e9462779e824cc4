import { IconMessages } from '@tabler/icons-react';
import { ComingSoon } from '../../components/ui/coming-soon';

export function ConversationsRoute() {
  return (
    <ComingSoon
      title="Conversations"
      icon={<IconMessages size={32} />}
      description="Read every conversation visitors had with this agent, live, grouped by person."
    />
  );
}
