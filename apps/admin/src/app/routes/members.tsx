import { Button, Loader } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconUserPlus } from '@tabler/icons-react';
import { PageHeader } from '../../components/ui/page-header';
import { QueryError } from '../../components/ui/query-error';
import { useInvitations } from '../../features/organizations/api/invitations';
import { useMembers } from '../../features/organizations/api/members';
import { InviteMemberDialog } from '../../features/organizations/components/invite-member-dialog';
import { MembersTable } from '../../features/organizations/components/members-table';
import { canInvite, invitableRoles, useMe } from '../../lib/auth';

export function MembersRoute() {
  const me = useMe();
  const mayInvite = canInvite(me.role);
  const members = useMembers();
  const invitations = useInvitations(mayInvite);
  const [isInviteOpen, inviteDialog] = useDisclosure(false);

  const error = members.error ?? invitations.error;
  return (
    <>
      <PageHeader
        title="Members"
        description="The people who work in this organization, and the invitations still open."
        actions={
          mayInvite ? (
            <Button leftSection={<IconUserPlus size={16} />} onClick={inviteDialog.open}>
              Invite member
            </Button>
          ) : null
        }
      />
      {error ? (
        <QueryError
          error={error}
          onRetry={() => {
            void members.refetch();
            if (mayInvite) void invitations.refetch();
          }}
        />
      ) : members.isPending || (mayInvite && invitations.isPending) ? (
        <Loader />
      ) : (
        <MembersTable
          me={me}
          members={members.data?.data ?? []}
          invitations={invitations.data?.data ?? []}
        />
      )}
      {mayInvite ? (
        <InviteMemberDialog
          opened={isInviteOpen}
          roles={invitableRoles(me.role)}
          onClose={inviteDialog.close}
        />
      ) : null}
    </>
  );
}
