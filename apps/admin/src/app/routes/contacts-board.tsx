import { Loader } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useParams } from 'react-router';
import { QueryError } from '../../components/ui/query-error';
import { useContactCount } from '../../features/contacts/api/contacts';
import { AddContactDialog } from '../../features/contacts/components/add-contact-dialog';
import { ContactBoard } from '../../features/contacts/components/contact-board';
import { ContactsHeader } from '../../features/contacts/components/contacts-header';
import { canManageCrm, useMe } from '../../lib/auth';
import { useCrmVocabulary } from '../crm-vocabulary';

export function ContactsBoardRoute() {
  const { agentId = '' } = useParams();
  const { role } = useMe();
  const canManage = canManageCrm(role);
  const crm = useCrmVocabulary(agentId);
  const count = useContactCount(agentId, {});
  const [isAddOpen, addDialog] = useDisclosure(false);

  return (
    <>
      <ContactsHeader
        agentId={agentId}
        view="board"
        count={count.data}
        canAdd={canManage}
        onAdd={addDialog.open}
      />
      {crm.error ? (
        <QueryError error={crm.error} onRetry={crm.retry} />
      ) : !crm.vocabulary ? (
        <Loader />
      ) : (
        <>
          <ContactBoard agentId={agentId} vocabulary={crm.vocabulary} />
          {canManage ? (
            <AddContactDialog
              agentId={agentId}
              vocabulary={crm.vocabulary}
              opened={isAddOpen}
              onClose={addDialog.close}
            />
          ) : null}
        </>
      )}
    </>
  );
}
