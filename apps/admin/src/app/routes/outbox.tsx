import type { OutboxEmail } from '@agent-crm/contracts';
import { Button, Center, EmptyState, Loader, Stack } from '@mantine/core';
import { IconMail } from '@tabler/icons-react';
import { useState } from 'react';
import { PageHeader } from '../../components/ui/page-header';
import { QueryError } from '../../components/ui/query-error';
import { useOutbox } from '../../features/outbox/api/outbox';
import { EmailDrawer } from '../../features/outbox/components/email-drawer';
import { OutboxTable } from '../../features/outbox/components/outbox-table';
import { canSeeOutbox, useMe } from '../../lib/auth';

export function OutboxRoute() {
  const { role } = useMe();
  if (!canSeeOutbox(role)) {
    return (
      <EmptyState
        mt="xl"
        variant="light"
        icon={<IconMail size={28} />}
        title="You don't have access"
        description="Only owners and admins can read the outbox."
      />
    );
  }
  return <Outbox />;
}

function Outbox() {
  const outbox = useOutbox();
  const [openEmail, setOpenEmail] = useState<OutboxEmail | null>(null);
  const emails = outbox.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <>
      <PageHeader
        title="Outbox"
        description="Every email the server sent or would send. Without an email server configured, invitations and sign-in codes wait here: open one to copy or follow its link."
      />
      <Stack>
        {outbox.isPending ? (
          <Loader />
        ) : outbox.isError ? (
          <QueryError error={outbox.error} onRetry={() => void outbox.refetch()} />
        ) : emails.length === 0 ? (
          <EmptyState
            mt="lg"
            icon={<IconMail size={28} />}
            title="No emails yet"
            description="Emails such as invitations appear here as soon as they are sent."
          />
        ) : (
          <>
            <OutboxTable emails={emails} onOpen={setOpenEmail} />
            {outbox.hasNextPage ? (
              <Center>
                <Button
                  variant="default"
                  loading={outbox.isFetchingNextPage}
                  onClick={() => void outbox.fetchNextPage()}
                >
                  Load more
                </Button>
              </Center>
            ) : null}
          </>
        )}
      </Stack>
      <EmailDrawer
        email={openEmail}
        onClose={() => {
          setOpenEmail(null);
        }}
      />
    </>
  );
}
