import {
  type BulkAction,
  BulkResultSchema,
  JobSchema,
  type Job,
  type Contact,
  type CONTACT_SORTS,
  ContactCountSchema,
  type ContactMerge,
  ContactSchema,
  type ContactSource,
  type ContactWrite,
  DuplicateListSchema,
  pageOf,
} from '@agent-crm/contracts';
import { notifications } from '@mantine/notifications';
import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

const ContactPageSchema = pageOf(ContactSchema);

export type ContactSort = (typeof CONTACT_SORTS)[number];

/** The filters of the list, its count, the board and bulk actions, as the screen holds them. */
export interface ContactListFilter {
  q?: string | undefined;
  stage?: string | undefined;
  status?: string | undefined;
  /** A member id, or "none" for contacts nobody owns. */
  ownerId?: string | undefined;
  source?: ContactSource | undefined;
  /** ISO timestamps. */
  createdFrom?: string | undefined;
  createdTo?: string | undefined;
  archived?: boolean | undefined;
  /** Custom field key → value. */
  fields?: Record<string, string> | undefined;
}

export interface BulkRequest {
  ids?: string[];
  filter?: ContactListFilter;
  action: BulkAction;
}

export interface DuplicateQuery {
  name: string;
  email: string;
  phone: string;
}

type Query = Record<string, string | number | undefined>;

/** The list's query string: `field.<key>=<value>` for custom fields, `archived=true` when asked. */
export function filterToQuery(filter: ContactListFilter): Query {
  const query: Query = {
    q: filter.q,
    stage: filter.stage,
    status: filter.status,
    ownerId: filter.ownerId,
    source: filter.source,
    createdFrom: filter.createdFrom,
    createdTo: filter.createdTo,
    archived: filter.archived ? 'true' : undefined,
  };
  for (const [key, value] of Object.entries(filter.fields ?? {})) {
    if (value) query[`field.${key}`] = value;
  }
  return query;
}

/** The same filter as the bulk body's `filter` (ContactBulkSchema: `archived` is a boolean). */
function filterToBody(filter: ContactListFilter): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter) as [string, unknown][]) {
    if (value !== undefined) body[key] = value;
  }
  return body;
}

function contactsPath(agentId: string, rest = ''): string {
  return `/agents/${encodeURIComponent(agentId)}/contacts${rest}`;
}

function contactPath(agentId: string, contactId: string, rest = ''): string {
  return contactsPath(agentId, `/${encodeURIComponent(contactId)}${rest}`);
}

export const contactKeys = {
  all: ['contacts'] as const,
  agent: (agentId: string) => [...contactKeys.all, agentId] as const,
  lists: (agentId: string) => [...contactKeys.agent(agentId), 'list'] as const,
  list: (agentId: string, filter: ContactListFilter, sort: ContactSort) =>
    [...contactKeys.lists(agentId), { filter, sort }] as const,
  count: (agentId: string, filter: ContactListFilter) =>
    [...contactKeys.agent(agentId), 'count', filter] as const,
  board: (agentId: string, stage: string) =>
    [...contactKeys.agent(agentId), 'board', stage] as const,
  search: (agentId: string, q: string) => [...contactKeys.agent(agentId), 'search', q] as const,
  detail: (agentId: string, contactId: string) =>
    [...contactKeys.agent(agentId), 'detail', contactId] as const,
  duplicates: (agentId: string, query: DuplicateQuery, excludeId?: string) =>
    ['contact-duplicates', agentId, query, excludeId ?? null] as const,
  activity: (agentId: string, contactId: string) =>
    ['contact-activity', agentId, contactId] as const,
};

/** After a write: every list, count and board of the agent, and the contact's activity. */
async function refreshAfterWrite(
  queryClient: QueryClient,
  agentId: string,
  contactId?: string,
): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: contactKeys.agent(agentId) }),
    contactId
      ? queryClient.invalidateQueries({ queryKey: contactKeys.activity(agentId, contactId) })
      : null,
  ]);
}

export function contactsQueryOptions(
  agentId: string,
  filter: ContactListFilter,
  sort: ContactSort,
) {
  return infiniteQueryOptions({
    queryKey: contactKeys.list(agentId, filter, sort),
    queryFn: ({ pageParam, signal }) =>
      apiRequest(contactsPath(agentId), {
        query: { ...filterToQuery(filter), sort, limit: 50, cursor: pageParam ?? undefined },
        schema: ContactPageSchema,
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useContacts(agentId: string, filter: ContactListFilter, sort: ContactSort) {
  return useInfiniteQuery(contactsQueryOptions(agentId, filter, sort));
}

export function contactCountQueryOptions(agentId: string, filter: ContactListFilter) {
  return queryOptions({
    queryKey: contactKeys.count(agentId, filter),
    queryFn: ({ signal }) =>
      apiRequest(contactsPath(agentId, '/count'), {
        query: filterToQuery(filter),
        schema: ContactCountSchema,
        signal,
      }),
    select: (result) => result.count,
    placeholderData: keepPreviousData,
  });
}

export function useContactCount(agentId: string, filter: ContactListFilter) {
  return useQuery(contactCountQueryOptions(agentId, filter));
}

export const BOARD_COLUMN_LIMIT = 50;

export function boardColumnQueryOptions(agentId: string, stage: string) {
  return queryOptions({
    queryKey: contactKeys.board(agentId, stage),
    queryFn: ({ signal }) =>
      apiRequest(contactsPath(agentId), {
        query: { stage, limit: BOARD_COLUMN_LIMIT },
        schema: ContactPageSchema,
        signal,
      }),
  });
}

export function useBoardColumn(agentId: string, stage: string) {
  return useQuery(boardColumnQueryOptions(agentId, stage));
}

/** Contacts found by a search box (merge picker); nothing is asked below two characters. */
export function useContactSearch(agentId: string, q: string) {
  return useQuery({
    queryKey: contactKeys.search(agentId, q),
    queryFn: ({ signal }) =>
      apiRequest(contactsPath(agentId), {
        query: { q, limit: 20 },
        schema: ContactPageSchema,
        signal,
      }),
    enabled: q.length >= 2,
    placeholderData: keepPreviousData,
  });
}

export function contactQueryOptions(agentId: string, contactId: string) {
  return queryOptions({
    queryKey: contactKeys.detail(agentId, contactId),
    queryFn: ({ signal }) =>
      apiRequest(contactPath(agentId, contactId), { schema: ContactSchema, signal }),
    meta: { handlesErrors: true },
  });
}

export function useContact(agentId: string, contactId: string, enabled = true) {
  return useQuery({ ...contactQueryOptions(agentId, contactId), enabled });
}

export function useDuplicates(agentId: string, query: DuplicateQuery, excludeId?: string) {
  const isWorthAsking =
    query.name.length >= 2 || query.email.length >= 3 || query.phone.replace(/\D/g, '').length >= 6;
  return useQuery({
    queryKey: contactKeys.duplicates(agentId, query, excludeId),
    queryFn: ({ signal }) =>
      apiRequest(contactsPath(agentId, '/duplicates'), {
        query: { ...query, excludeId },
        schema: DuplicateListSchema,
        signal,
      }),
    select: (result) => result.data,
    enabled: isWorthAsking,
    // A warning only: the form works without it, so failures stay quiet.
    meta: { handlesErrors: true },
    retry: false,
  });
}

export function useCreateContact(agentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ContactWrite) =>
      apiRequest(contactsPath(agentId), { method: 'POST', body, schema: ContactSchema }),
    meta: { handlesErrors: true },
    onSuccess: async (contact) => {
      await refreshAfterWrite(queryClient, agentId);
      queryClient.setQueryData(contactKeys.detail(agentId, contact.id), contact);
    },
  });
}

/** A partial update; errors go to the caller (the General form shows them on its fields). */
export function useUpdateContact(agentId: string, contactId: string, handlesErrors = false) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ContactWrite) =>
      apiRequest(contactPath(agentId, contactId), {
        method: 'PATCH',
        body,
        schema: ContactSchema,
      }),
    meta: { handlesErrors },
    onSuccess: async (contact) => {
      queryClient.setQueryData(contactKeys.detail(agentId, contactId), contact);
      await refreshAfterWrite(queryClient, agentId, contactId);
    },
  });
}

/** Dragging a card on the board: the card moves at once and goes back if the server refuses. */
export function useMoveContactStage(agentId: string) {
  const queryClient = useQueryClient();
  type Page = { data: Contact[]; nextCursor: string | null };
  return useMutation({
    mutationFn: ({ contact, stage }: { contact: Contact; stage: string }) =>
      apiRequest(contactPath(agentId, contact.id), {
        method: 'PATCH',
        body: { stage },
        schema: ContactSchema,
      }),
    onMutate: async ({ contact, stage }) => {
      const fromKey = contactKeys.board(agentId, contact.stage);
      const toKey = contactKeys.board(agentId, stage);
      await Promise.all([
        queryClient.cancelQueries({ queryKey: fromKey }),
        queryClient.cancelQueries({ queryKey: toKey }),
      ]);
      const previousFrom = queryClient.getQueryData<Page>(fromKey);
      const previousTo = queryClient.getQueryData<Page>(toKey);
      if (previousFrom) {
        queryClient.setQueryData<Page>(fromKey, {
          ...previousFrom,
          data: previousFrom.data.filter((item) => item.id !== contact.id),
        });
      }
      if (previousTo) {
        queryClient.setQueryData<Page>(toKey, {
          ...previousTo,
          data: [{ ...contact, stage }, ...previousTo.data],
        });
      }
      return { fromKey, toKey, previousFrom, previousTo };
    },
    onError: (_error, _variables, context) => {
      if (!context) return;
      queryClient.setQueryData(context.fromKey, context.previousFrom);
      queryClient.setQueryData(context.toKey, context.previousTo);
    },
    onSettled: (_contact, _error, { contact }) =>
      refreshAfterWrite(queryClient, agentId, contact.id),
  });
}

function useContactAction(agentId: string, action: 'archive' | 'restore') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (contactId: string) =>
      apiRequest(contactPath(agentId, contactId, `/${action}`), {
        method: 'POST',
        schema: ContactSchema,
      }),
    onSuccess: async (contact) => {
      queryClient.setQueryData(contactKeys.detail(agentId, contact.id), contact);
      await refreshAfterWrite(queryClient, agentId, contact.id);
    },
  });
}

export function useArchiveContact(agentId: string) {
  return useContactAction(agentId, 'archive');
}

export function useRestoreContact(agentId: string) {
  return useContactAction(agentId, 'restore');
}

export function useDeleteContact(agentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (contactId: string) =>
      apiRequest(contactPath(agentId, contactId), { method: 'DELETE' }),
    onSuccess: (_result, contactId) => {
      queryClient.removeQueries({ queryKey: contactKeys.detail(agentId, contactId) });
      return queryClient.invalidateQueries({ queryKey: contactKeys.agent(agentId) });
    },
  });
}

export function useBulkContacts(agentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ ids, filter, action }: BulkRequest) =>
      apiRequest(contactsPath(agentId, '/bulk'), {
        method: 'POST',
        body: {
          ...(ids ? { ids } : {}),
          ...(filter ? { filter: filterToBody(filter) } : {}),
          action,
        },
        schema: BulkResultSchema,
      }),
    onSuccess: async (result) => {
      if (!result.job) {
        await refreshAfterWrite(queryClient, agentId);
        return;
      }
      // Past 10,000 contacts the server works in the background: follow the job, then refresh.
      await followJob(agentId, result.job);
      await refreshAfterWrite(queryClient, agentId);
    },
  });
}

const JOB_POLL_MS = 1_000;

/** Shows a large bulk action's progress in a notification until its job ends. */
async function followJob(agentId: string, job: Job): Promise<Job> {
  const id = `job-${job.id}`;
  const show = (current: Job) => {
    const finished = current.status === 'succeeded' || current.status === 'failed';
    const options = {
      id,
      loading: !finished,
      autoClose: finished ? 6_000 : false,
      withCloseButton: finished,
      color: current.status === 'failed' ? 'red' : 'teal',
      title:
        current.status === 'failed'
          ? 'The bulk action stopped'
          : finished
            ? 'Bulk action finished'
            : 'Working in the background',
      message:
        current.status === 'failed'
          ? `${current.error ?? 'It failed.'} ${current.done.toLocaleString()} of ${current.total.toLocaleString()} contacts were done.`
          : `${current.done.toLocaleString()} of ${current.total.toLocaleString()} contacts done`,
    };
    if (current === job) notifications.show(options);
    else notifications.update(options);
  };
  show(job);
  let current = job;
  while (current.status === 'queued' || current.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, JOB_POLL_MS));
    current = await apiRequest(`/api/v1/agents/${agentId}/jobs/${job.id}`, { schema: JobSchema });
    show(current);
  }
  return current;
}

export function useMergeContacts(agentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ContactMerge) =>
      apiRequest(contactsPath(agentId, '/merge'), { method: 'POST', body, schema: ContactSchema }),
    meta: { handlesErrors: true },
    onSuccess: async (survivor, { primaryId, secondaryId }) => {
      for (const id of [primaryId, secondaryId]) {
        if (id !== survivor.id) {
          queryClient.removeQueries({ queryKey: contactKeys.detail(agentId, id) });
        }
      }
      queryClient.setQueryData(contactKeys.detail(agentId, survivor.id), survivor);
      await refreshAfterWrite(queryClient, agentId, survivor.id);
    },
  });
}
