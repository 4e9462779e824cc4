import { Button, Center, EmptyState, Group, Loader, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconHistory, IconSearch } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/ui/page-header';
import { QueryError } from '../../components/ui/query-error';
import { useAuditEvents } from '../../features/audit/api/audit-events';
import { AuditLogTable } from '../../features/audit/components/audit-log-table';
import { useMe } from '../../lib/auth';

export function AuditLogRoute() {
  const { role } = useMe();
  // The filter lives in the URL, so a filtered view can be shared and survives reloads.
  const [searchParams, setSearchParams] = useSearchParams();
  const action = searchParams.get('action') ?? '';
  const [debouncedAction] = useDebouncedValue(action.trim(), 300);
  const events = useAuditEvents(debouncedAction);
  const rows = events.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <>
      <PageHeader
        title="Audit log"
        description={
          role === 'user'
            ? 'What you did in this organization: sign-ins and changes, with when and from where.'
            : 'Who did what in this organization, to which resource, when and from where.'
        }
      />
      <Stack>
        <Group>
          <TextInput
            label="Filter by action"
            placeholder="e.g. agent.update"
            leftSection={<IconSearch size={16} />}
            value={action}
            w={320}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setSearchParams(
                (previous) => {
                  const next = new URLSearchParams(previous);
                  if (value) next.set('action', value);
                  else next.delete('action');
                  return next;
                },
                { replace: true },
              );
            }}
          />
        </Group>
        {events.isPending ? (
          <Loader />
        ) : events.isError ? (
          <QueryError error={events.error} onRetry={() => void events.refetch()} />
        ) : rows.length === 0 ? (
          <EmptyState
            mt="lg"
            icon={<IconHistory size={28} />}
            title="No events"
            description={
              debouncedAction ? 'No event matches this action.' : 'Nothing has been recorded yet.'
            }
          />
        ) : (
          <>
            <AuditLogTable events={rows} />
            {events.hasNextPage ? (
              <Center>
                <Button
                  variant="default"
                  loading={events.isFetchingNextPage}
                  onClick={() => void events.fetchNextPage()}
                >
                  Load more
                </Button>
              </Center>
            ) : null}
          </>
        )}
      </Stack>
    </>
  );
}
