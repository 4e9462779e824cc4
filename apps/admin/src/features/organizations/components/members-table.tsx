import type { Invitation, Me, Member } from '@agent-crm/contracts';
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Menu,
  Modal,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import {
  IconArrowsExchange,
  IconDots,
  IconMailForward,
  IconShieldCheck,
  IconTrash,
  IconUser,
  IconX,
} from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { canRemoveMember } from '../../../lib/auth';
import { notifySuccess } from '../../../lib/notify';
import { useChangeMemberRole, useRemoveMember, useTransferOwnership } from '../api/members';
import { useResendInvitation, useRevokeInvitation } from '../api/invitations';
import { InvitationLink } from './invitation-link';

type PendingInvitation = Omit<Invitation, 'acceptUrl'> & { acceptUrl?: string | undefined };

const ROLE_LABELS = { owner: 'Owner', admin: 'Admin', user: 'User' } as const;
const ROLE_COLORS = { owner: 'grape', admin: 'blue', user: 'gray' } as const;

function formatDate(value: string): string {
  return new Date(value).toLocaleDateString(undefined, { dateStyle: 'medium' });
}

type PendingAction =
  | { kind: 'remove'; member: Member }
  | { kind: 'transfer'; member: Member }
  | { kind: 'revoke'; invitation: PendingInvitation }
  | null;

interface MembersTableProps {
  me: Me;
  members: Member[];
  invitations: PendingInvitation[];
}

export function MembersTable({ me, members, invitations }: MembersTableProps) {
  const changeRole = useChangeMemberRole();
  const removeMember = useRemoveMember();
  const transferOwnership = useTransferOwnership();
  const resendInvitation = useResendInvitation();
  const revokeInvitation = useRevokeInvitation();
  const [pending, setPending] = useState<PendingAction>(null);
  const [resent, setResent] = useState<Invitation | null>(null);

  const isOwner = me.role === 'owner';
  const closePending = () => {
    setPending(null);
  };

  const memberRows = members.map((member) => {
    const isSelf = member.id === me.user.id;
    const canChangeRole = isOwner && member.role !== 'owner';
    const canTransfer = isOwner && member.role !== 'owner';
    const canRemove = !isSelf && canRemoveMember(me.role, member.role);
    const hasActions = canChangeRole || canTransfer || canRemove;
    return (
      <Table.Tr key={`member-${member.id}`}>
        <Table.Td>
          <Text size="sm" fw={500}>
            {member.name || '—'}
            {isSelf ? (
              <Text span size="xs" c="dimmed">
                {' '}
                (you)
              </Text>
            ) : null}
          </Text>
        </Table.Td>
        <Table.Td>{member.email}</Table.Td>
        <Table.Td>
          <Badge variant="light" color={ROLE_COLORS[member.role]}>
            {ROLE_LABELS[member.role]}
          </Badge>
        </Table.Td>
        <Table.Td>
          <Badge variant="dot" color="teal">
            Active
          </Badge>
        </Table.Td>
        <Table.Td>Joined {formatDate(member.joinedAt)}</Table.Td>
        <Table.Td>
          {hasActions ? (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={`Actions for ${member.email}`}
                >
                  <IconDots size={16} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                {canChangeRole && member.role === 'user' ? (
                  <Menu.Item
                    leftSection={<IconShieldCheck size={14} />}
                    onClick={() => {
                      changeRole.mutate(
                        { memberId: member.id, role: 'admin' },
                        {
                          onSuccess: () => {
                            notifySuccess(`${member.email} is now an admin`);
                          },
                        },
                      );
                    }}
                  >
                    Make admin
                  </Menu.Item>
                ) : null}
                {canChangeRole && member.role === 'admin' ? (
                  <Menu.Item
                    leftSection={<IconUser size={14} />}
                    onClick={() => {
                      changeRole.mutate(
                        { memberId: member.id, role: 'user' },
                        {
                          onSuccess: () => {
                            notifySuccess(`${member.email} is now a user`);
                          },
                        },
                      );
                    }}
                  >
                    Make user
                  </Menu.Item>
                ) : null}
                {canTransfer ? (
                  <Menu.Item
                    leftSection={<IconArrowsExchange size={14} />}
                    onClick={() => {
                      setPending({ kind: 'transfer', member });
                    }}
                  >
                    Transfer ownership
                  </Menu.Item>
                ) : null}
                {canRemove ? (
                  <Menu.Item
                    color="red"
                    leftSection={<IconTrash size={14} />}
                    onClick={() => {
                      setPending({ kind: 'remove', member });
                    }}
                  >
                    Remove member
                  </Menu.Item>
                ) : null}
              </Menu.Dropdown>
            </Menu>
          ) : null}
        </Table.Td>
      </Table.Tr>
    );
  });

  const invitationRows = invitations.map((invitation) => {
    const canManage = isOwner || (me.role === 'admin' && invitation.role === 'user');
    return (
      <Table.Tr key={`invitation-${invitation.id}`}>
        <Table.Td>
          <Text size="sm" c="dimmed">
            —
          </Text>
        </Table.Td>
        <Table.Td>{invitation.email}</Table.Td>
        <Table.Td>
          <Badge variant="light" color={ROLE_COLORS[invitation.role]}>
            {ROLE_LABELS[invitation.role]}
          </Badge>
        </Table.Td>
        <Table.Td>
          <Badge variant="dot" color="yellow">
            Invited
          </Badge>
        </Table.Td>
        <Table.Td>Invited {formatDate(invitation.createdAt)}</Table.Td>
        <Table.Td>
          {canManage ? (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={`Actions for invitation to ${invitation.email}`}
                >
                  <IconDots size={16} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item
                  leftSection={<IconMailForward size={14} />}
                  onClick={() => {
                    resendInvitation.mutate(invitation.id, { onSuccess: setResent });
                  }}
                >
                  Resend invitation
                </Menu.Item>
                <Menu.Item
                  color="red"
                  leftSection={<IconX size={14} />}
                  onClick={() => {
                    setPending({ kind: 'revoke', invitation });
                  }}
                >
                  Revoke invitation
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          ) : null}
        </Table.Td>
      </Table.Tr>
    );
  });

  return (
    <>
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>Since</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {memberRows}
            {invitationRows}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <ConfirmDialog
        opened={pending?.kind === 'remove'}
        title="Remove member"
        message={
          pending?.kind === 'remove'
            ? `${pending.member.email} will lose access to this organization immediately.`
            : ''
        }
        confirmLabel="Remove member"
        isPending={removeMember.isPending}
        onClose={closePending}
        onConfirm={() => {
          if (pending?.kind !== 'remove') return;
          removeMember.mutate(pending.member, { onSuccess: closePending });
        }}
      />
      <ConfirmDialog
        opened={pending?.kind === 'transfer'}
        title="Transfer ownership"
        message={
          pending?.kind === 'transfer'
            ? `${pending.member.email} becomes the owner of this organization and you become an admin.`
            : ''
        }
        confirmLabel="Transfer ownership"
        isPending={transferOwnership.isPending}
        onClose={closePending}
        onConfirm={() => {
          if (pending?.kind !== 'transfer') return;
          transferOwnership.mutate(pending.member.id, {
            onSuccess: () => {
              closePending();
              notifySuccess('Ownership transferred');
            },
          });
        }}
      />
      <ConfirmDialog
        opened={pending?.kind === 'revoke'}
        title="Revoke invitation"
        message={
          pending?.kind === 'revoke'
            ? `The link sent to ${pending.invitation.email} will stop working.`
            : ''
        }
        confirmLabel="Revoke invitation"
        isPending={revokeInvitation.isPending}
        onClose={closePending}
        onConfirm={() => {
          if (pending?.kind !== 'revoke') return;
          revokeInvitation.mutate(pending.invitation.id, { onSuccess: closePending });
        }}
      />
      <Modal
        opened={resent !== null}
        onClose={() => {
          setResent(null);
        }}
        title="Invitation sent again"
        centered
      >
        {resent ? (
          <Stack>
            <InvitationLink invitation={resent} />
            <Group justify="flex-end">
              <Button
                onClick={() => {
                  setResent(null);
                }}
              >
                Done
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
    </>
  );
}
