import type { Contact } from '@agent-crm/contracts';
import { Anchor, Button, EmptyState, Loader, Tabs } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconArrowLeft,
  IconFiles,
  IconForms,
  IconHistory,
  IconId,
  IconMessages,
  IconNotes,
  IconUserQuestion,
} from '@tabler/icons-react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { QueryError } from '../../components/ui/query-error';
import { useContact } from '../../features/contacts/api/contacts';
import { ActivityTab } from '../../features/contacts/components/activity-tab';
import { ContactGeneralTab } from '../../features/contacts/components/contact-general-tab';
import { ContactHeader } from '../../features/contacts/components/contact-header';
import { FilesTab } from '../../features/contacts/components/files-tab';
import { MergeDialog } from '../../features/contacts/components/merge-dialog';
import { NotesTab } from '../../features/contacts/components/notes-tab';
import { ContactSubmissions } from '../../features/forms/components/contact-submissions';
import { ContactChatTab } from '../../features/conversations/components/contact-chat-tab';
import type { CrmVocabulary } from '../../features/contacts/components/vocabulary';
import { isApiError } from '../../lib/api-client';
import { canManageCrm, useMe } from '../../lib/auth';
import { useCrmVocabulary } from '../crm-vocabulary';

const TABS = ['general', 'forms', 'chat', 'notes', 'files', 'activity'] as const;
type Tab = (typeof TABS)[number];

function isTab(value: string | null): value is Tab {
  return TABS.some((tab) => tab === value);
}

export function ContactDetailRoute() {
  const { agentId = '', contactId = '' } = useParams();
  const crm = useCrmVocabulary(agentId);
  const contact = useContact(agentId, contactId);

  if (contact.isError) {
    if (isApiError(contact.error) && contact.error.status === 404) {
      return (
        <EmptyState
          mt="xl"
          variant="light"
          icon={<IconUserQuestion size={28} />}
          title="Contact not found"
          description="It may have been deleted or merged into another contact."
        >
          <EmptyState.Actions>
            <Button component={Link} to={`/agents/${agentId}/contacts`}>
              Back to contacts
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      );
    }
    return <QueryError error={contact.error} onRetry={() => void contact.refetch()} />;
  }
  if (crm.error) return <QueryError error={crm.error} onRetry={crm.retry} />;
  if (!crm.vocabulary || contact.isPending) return <Loader m="xl" />;
  return <ContactDetail agentId={agentId} vocabulary={crm.vocabulary} contact={contact.data} />;
}

function ContactDetail({
  agentId,
  vocabulary,
  contact,
}: {
  agentId: string;
  vocabulary: CrmVocabulary;
  contact: Contact;
}) {
  const me = useMe();
  const canManage = canManageCrm(me.role);
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const tabParam = searchParams.get('tab');
  const tab: Tab = isTab(tabParam) ? tabParam : 'general';
  const [isMergeOpen, mergeDialog] = useDisclosure(false);

  return (
    <>
      <Anchor
        component={Link}
        to={`/agents/${agentId}/contacts`}
        size="sm"
        c="dimmed"
        mb="sm"
        display="inline-flex"
        style={{ alignItems: 'center', gap: 4 }}
      >
        <IconArrowLeft size={14} /> Contacts
      </Anchor>
      <ContactHeader
        agentId={agentId}
        contact={contact}
        vocabulary={vocabulary}
        canManage={canManage}
        onMerge={mergeDialog.open}
      />
      <Tabs
        value={tab}
        keepMounted={false}
        onChange={(value) => {
          setSearchParams(
            (previous) => {
              const next = new URLSearchParams(previous);
              if (value && value !== 'general') next.set('tab', value);
              else next.delete('tab');
              return next;
            },
            { replace: true },
          );
        }}
      >
        <Tabs.List mb="lg">
          <Tabs.Tab value="general" leftSection={<IconId size={16} />}>
            General
          </Tabs.Tab>
          <Tabs.Tab value="forms" leftSection={<IconForms size={16} />}>
            Forms
          </Tabs.Tab>
          <Tabs.Tab value="chat" leftSection={<IconMessages size={16} />}>
            Chat
          </Tabs.Tab>
          <Tabs.Tab value="notes" leftSection={<IconNotes size={16} />}>
            Notes
          </Tabs.Tab>
          <Tabs.Tab value="files" leftSection={<IconFiles size={16} />}>
            Files
          </Tabs.Tab>
          <Tabs.Tab value="activity" leftSection={<IconHistory size={16} />}>
            Activity
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="general">
          <ContactGeneralTab
            key={`${contact.id}:${contact.updatedAt}`}
            agentId={agentId}
            contact={contact}
            vocabulary={vocabulary}
            canEdit={canManage}
          />
        </Tabs.Panel>
        <Tabs.Panel value="forms">
          <ContactSubmissions agentId={agentId} contactId={contact.id} />
        </Tabs.Panel>
        <Tabs.Panel value="chat">
          <ContactChatTab agentId={agentId} contactId={contact.id} />
        </Tabs.Panel>
        <Tabs.Panel value="notes">
          <NotesTab
            agentId={agentId}
            contactId={contact.id}
            vocabulary={vocabulary}
            me={me}
            canManage={canManage}
          />
        </Tabs.Panel>
        <Tabs.Panel value="files">
          <FilesTab
            agentId={agentId}
            contactId={contact.id}
            vocabulary={vocabulary}
            me={me}
            canManage={canManage}
          />
        </Tabs.Panel>
        <Tabs.Panel value="activity">
          <ActivityTab agentId={agentId} contactId={contact.id} vocabulary={vocabulary} />
        </Tabs.Panel>
      </Tabs>
      {canManage ? (
        <MergeDialog
          agentId={agentId}
          contact={contact}
          vocabulary={vocabulary}
          opened={isMergeOpen}
          onClose={mergeDialog.close}
          onMerged={(survivor) => {
            mergeDialog.close();
            if (survivor.id !== contact.id) {
              void navigate(`/agents/${agentId}/contacts/${survivor.id}`, { replace: true });
            }
          }}
        />
      ) : null}
    </>
  );
}
