import { IconAddressBook } from '@tabler/icons-react';
import { ComingSoon } from '../../components/ui/coming-soon';

export function ContactsRoute() {
  return (
    <ComingSoon
      title="Contacts"
      icon={<IconAddressBook size={32} />}
      description="The people who talk to this agent, with their details, stage, owner, notes, files and chat history."
    />
  );
}
