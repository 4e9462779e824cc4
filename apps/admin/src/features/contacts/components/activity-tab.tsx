import { ContactSourceSchema, type Activity, type ActorKind } from '@agent-crm/contracts';
import { Button, Center, EmptyState, Loader, Stack, Text, Timeline } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { QueryError } from '../../../components/ui/query-error';
import { useActivity } from '../api/activity';
import {
  formatDateTime,
  formatFieldValue,
  memberName,
  sourceLabel,
  type CrmVocabulary,
} from './vocabulary';

const STANDARD_FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  email: 'Email',
  phone: 'Mobile number',
  externalId: 'External ID',
  stage: 'Stage',
  status: 'Status',
  ownerId: 'Owner',
  secondaryOwnerId: 'Secondary owner',
};

const OWNER_FIELDS = new Set(['ownerId', 'secondaryOwnerId']);

/** How a contact came in when the actor says it and the entry does not. */
const SOURCE_BY_ACTOR: Partial<Record<ActorKind, string>> = {
  member: 'Manual',
  agent: 'Chat',
  form: 'Form',
  import: 'Import',
  api: 'API',
};

function actorName(actor: Activity['actor'], vocabulary: CrmVocabulary): string {
  switch (actor.kind) {
    case 'member':
      return memberName(vocabulary.members, actor.id) ?? 'a member';
    case 'agent':
      return 'the AI agent';
    case 'form':
      return 'a form';
    case 'import':
      return 'an import';
    case 'api':
      return 'the API';
    case 'automation':
      return 'an automation';
    case 'system':
      return 'the system';
  }
}

function fieldLabel(field: string, vocabulary: CrmVocabulary): string {
  const standard = STANDARD_FIELD_LABELS[field];
  if (standard) return standard;
  const key = field.replace(/^fields\./, '');
  return vocabulary.fields.find((item) => item.key === key)?.label ?? key;
}

function valueText(field: string, value: unknown, vocabulary: CrmVocabulary): string {
  if (OWNER_FIELDS.has(field)) {
    return typeof value === 'string' ? (memberName(vocabulary.members, value) ?? value) : 'nobody';
  }
  if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    (Array.isArray(value) && value.every((item) => typeof item === 'string'))
  ) {
    return formatFieldValue(value) || 'empty';
  }
  return value === null || value === undefined ? 'empty' : JSON.stringify(value);
}

/** A property of an entry's `from`/`to` when it is an object, e.g. `{ source: 'manual' }`. */
function property(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  return Object.entries(value).find(([name]) => name === key)?.[1];
}

/** "report.pdf " when the entry names the file, else nothing. */
function fileName(value: unknown): string {
  const name = property(value, 'fileName') ?? value;
  return typeof name === 'string' ? `${name} ` : '';
}

/** Who did it, as the start of a sentence: "Automation", "Alice", "The API". */
function subject(actor: Activity['actor'], by: string): string {
  if (actor.kind === 'automation') return 'Automation';
  return `${by.charAt(0).toUpperCase()}${by.slice(1)}`;
}

/** One sentence per entry: what happened, and by whom or what. */
export function describeActivity(activity: Activity, vocabulary: CrmVocabulary): string {
  const by = actorName(activity.actor, vocabulary);
  const kind = activity.kind.toLowerCase().replace(/[.\s-]+/g, '_');
  switch (kind) {
    case 'created':
    case 'contact_created': {
      const source = ContactSourceSchema.safeParse(property(activity.to, 'source') ?? activity.to);
      const via = source.success ? sourceLabel(source.data) : SOURCE_BY_ACTOR[activity.actor.kind];
      return `Created${via ? ` via ${via}` : ''} by ${by}`;
    }
    case 'note_added':
    case 'note_created':
      return `Note added by ${by}`;
    case 'note_updated':
    case 'note_edited':
      return `Note edited by ${by}`;
    case 'note_deleted':
      return `Note deleted by ${by}`;
    case 'file_added':
    case 'file_uploaded':
      return `File ${fileName(activity.to)}added by ${by}`;
    case 'file_deleted':
      return `File ${fileName(activity.from)}deleted by ${by}`;
    case 'archived':
      return `Archived by ${by}`;
    case 'restored':
      return `Restored by ${by}`;
    case 'merged':
      return `Merged with another contact by ${by}`;
    // The steps of the "contact created" automation (owner assignment, starting stage).
    case 'owner_assigned': {
      const role = activity.field === 'secondaryOwnerId' ? 'secondary owner' : 'owner';
      return `${subject(activity.actor, by)} assigned ${role} ${valueText('ownerId', activity.to, vocabulary)}`;
    }
    case 'stage_set':
      return `${subject(activity.actor, by)} set stage ${valueText('stage', activity.to, vocabulary)}`;
    case 'status_set':
      return `${subject(activity.actor, by)} set status ${valueText('status', activity.to, vocabulary)}`;
  }
  if (activity.field) {
    const label = fieldLabel(activity.field, vocabulary);
    const from = valueText(activity.field, activity.from, vocabulary);
    const to = valueText(activity.field, activity.to, vocabulary);
    return `${label} changed from ${from} to ${to} by ${by}`;
  }
  const words = kind.replace(/_/g, ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} by ${by}`;
}

interface ActivityTabProps {
  agentId: string;
  contactId: string;
  vocabulary: CrmVocabulary;
}

export function ActivityTab({ agentId, contactId, vocabulary }: ActivityTabProps) {
  const activity = useActivity(agentId, contactId);
  const entries = activity.data?.pages.flatMap((page) => page.data) ?? [];

  if (activity.isPending) return <Loader />;
  if (activity.isError) {
    return <QueryError error={activity.error} onRetry={() => void activity.refetch()} />;
  }
  if (entries.length === 0) {
    return (
      <EmptyState
        icon={<IconHistory size={28} />}
        title="No activity yet"
        description="Every change to this contact appears here."
      />
    );
  }
  return (
    <Stack maw={820}>
      <Timeline bulletSize={14} lineWidth={2}>
        {entries.map((entry) => (
          <Timeline.Item key={entry.id} title={describeActivity(entry, vocabulary)}>
            <Text size="xs" c="dimmed">
              {formatDateTime(entry.createdAt)}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
      {activity.hasNextPage ? (
        <Center>
          <Button
            variant="default"
            loading={activity.isFetchingNextPage}
            onClick={() => void activity.fetchNextPage()}
          >
            Load more
          </Button>
        </Center>
      ) : null}
    </Stack>
  );
}
