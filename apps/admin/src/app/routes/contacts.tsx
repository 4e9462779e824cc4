import { Anchor, Button, Center, EmptyState, Loader, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAddressBook, IconPlus, IconSearchOff } from '@tabler/icons-react';
import { useNavigate, useParams } from 'react-router';
import { QueryError } from '../../components/ui/query-error';
import { useContactCount, useContacts } from '../../features/contacts/api/contacts';
import { AddContactDialog } from '../../features/contacts/components/add-contact-dialog';
import { BulkBar } from '../../features/contacts/components/bulk-bar';
import { ColumnChooser } from '../../features/contacts/components/column-chooser';
import {
  columnOptions,
  useContactColumns,
} from '../../features/contacts/components/contact-columns';
import { ContactsHeader } from '../../features/contacts/components/contacts-header';
import { ContactFilters } from '../../features/contacts/components/contact-filters';
import { ContactTable } from '../../features/contacts/components/contact-table';
import type { CrmVocabulary } from '../../features/contacts/components/vocabulary';
import { useContactListParams } from '../../features/contacts/hooks/use-contact-list-params';
import { useContactSelection } from '../../features/contacts/hooks/use-contact-selection';
import { canManageCrm, useMe } from '../../lib/auth';
import { useCrmVocabulary } from '../crm-vocabulary';

export function ContactsRoute() {
  const { agentId = '' } = useParams();
  const crm = useCrmVocabulary(agentId);

  if (crm.error) return <QueryError error={crm.error} onRetry={crm.retry} />;
  if (!crm.vocabulary) return <Loader m="xl" />;
  return <ContactsScreen agentId={agentId} vocabulary={crm.vocabulary} />;
}

function ContactsScreen({ agentId, vocabulary }: { agentId: string; vocabulary: CrmVocabulary }) {
  const { role } = useMe();
  const canManage = canManageCrm(role);
  const navigate = useNavigate();
  const params = useContactListParams();
  const contacts = useContacts(agentId, params.filter, params.sort);
  const count = useContactCount(agentId, params.filter);
  const [columns, setColumns] = useContactColumns(agentId);
  const [isAddOpen, addDialog] = useDisclosure(false);

  const rows = contacts.data?.pages.flatMap((page) => page.data) ?? [];
  const loadedIds = rows.map((contact) => contact.id);
  const selection = useContactSelection(JSON.stringify(params.filter), loadedIds);
  const total = count.data;
  const selectedCount = selection.isAllMatching ? (total ?? 0) : selection.ids.length;
  const isFiltered = params.isSearching || params.activeFilterCount > 0;

  return (
    <>
      <ContactsHeader
        agentId={agentId}
        view="list"
        count={total}
        canAdd={canManage}
        onAdd={addDialog.open}
      />
      <Stack>
        <ContactFilters
          params={params}
          vocabulary={vocabulary}
          extra={
            <ColumnChooser
              options={columnOptions(vocabulary.fields)}
              visible={columns}
              onChange={setColumns}
            />
          }
        />
        {canManage &&
        selection.isAllLoadedSelected &&
        total !== undefined &&
        total > rows.length ? (
          <Text size="sm" ta="center">
            {selection.isAllMatching ? (
              <>
                All {total} matching contacts are selected.{' '}
                <Anchor component="button" type="button" onClick={selection.clear}>
                  Clear selection
                </Anchor>
              </>
            ) : (
              <>
                All {rows.length} shown contacts are selected.{' '}
                <Anchor component="button" type="button" onClick={selection.selectAllMatching}>
                  Select all {total} matching
                </Anchor>
              </>
            )}
          </Text>
        ) : null}
        {contacts.isPending ? (
          <Loader />
        ) : contacts.isError ? (
          <QueryError error={contacts.error} onRetry={() => void contacts.refetch()} />
        ) : rows.length === 0 ? (
          isFiltered ? (
            <EmptyState
              mt="lg"
              icon={<IconSearchOff size={28} />}
              title="No contacts match"
              description="Try other words or fewer filters."
            >
              <EmptyState.Actions>
                <Button variant="default" onClick={params.clearFilters}>
                  Clear filters
                </Button>
              </EmptyState.Actions>
            </EmptyState>
          ) : (
            <EmptyState
              mt="lg"
              variant="light"
              size="lg"
              icon={<IconAddressBook size={32} />}
              title={params.view.archived ? 'No archived contacts' : 'No contacts yet'}
              description={
                params.view.archived
                  ? 'Archived contacts appear here and can be restored.'
                  : 'Add your first contact by hand, or let the agent capture them from chats and forms.'
              }
            >
              {canManage && !params.view.archived ? (
                <EmptyState.Actions>
                  <Button leftSection={<IconPlus size={16} />} onClick={addDialog.open}>
                    Add your first contact
                  </Button>
                </EmptyState.Actions>
              ) : null}
            </EmptyState>
          )
        ) : (
          <>
            <ContactTable
              agentId={agentId}
              contacts={rows}
              visibleColumns={columns}
              vocabulary={vocabulary}
              selection={canManage ? selection : null}
              onOpen={(contact) => {
                void navigate(`/agents/${agentId}/contacts/${contact.id}`);
              }}
            />
            {contacts.hasNextPage ? (
              <Center mb={selection.isSomeSelected ? 80 : 0}>
                <Button
                  variant="default"
                  loading={contacts.isFetchingNextPage}
                  onClick={() => void contacts.fetchNextPage()}
                >
                  Load more
                </Button>
              </Center>
            ) : null}
          </>
        )}
      </Stack>
      {canManage && selection.isSomeSelected ? (
        <BulkBar
          agentId={agentId}
          vocabulary={vocabulary}
          count={selectedCount}
          target={selection.isAllMatching ? { filter: params.filter } : { ids: selection.ids }}
          isArchivedView={params.view.archived}
          onClear={selection.clear}
        />
      ) : null}
      {canManage ? (
        <AddContactDialog
          agentId={agentId}
          vocabulary={vocabulary}
          opened={isAddOpen}
          onClose={addDialog.close}
        />
      ) : null}
    </>
  );
}
