import { ActivitySchema, pageOf } from '@agent-crm/contracts';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { contactKeys } from './contacts';

const ActivityPageSchema = pageOf(ActivitySchema);

export function activityQueryOptions(agentId: string, contactId: string) {
  return infiniteQueryOptions({
    queryKey: contactKeys.activity(agentId, contactId),
    queryFn: ({ pageParam, signal }) =>
      apiRequest(
        `/agents/${encodeURIComponent(agentId)}/contacts/${encodeURIComponent(contactId)}/activity`,
        {
          query: { limit: 50, cursor: pageParam ?? undefined },
          schema: ActivityPageSchema,
          signal,
        },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}

export function useActivity(agentId: string, contactId: string) {
  return useInfiniteQuery(activityQueryOptions(agentId, contactId));
}
