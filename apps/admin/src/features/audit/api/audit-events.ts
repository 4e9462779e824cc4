import { AuditEventSchema, pageOf } from '@agent-crm/contracts';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

const AuditPageSchema = pageOf(AuditEventSchema);

export function auditEventsQueryOptions(action: string) {
  return infiniteQueryOptions({
    queryKey: ['audit-events', { action }],
    queryFn: ({ pageParam, signal }) =>
      apiRequest('/audit-events', {
        query: { limit: 50, cursor: pageParam, action },
        schema: AuditPageSchema,
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}

export function useAuditEvents(action: string) {
  return useInfiniteQuery(auditEventsQueryOptions(action));
}
