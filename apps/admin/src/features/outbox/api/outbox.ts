import { OutboxEmailSchema, pageOf } from '@agent-crm/contracts';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

const OutboxPageSchema = pageOf(OutboxEmailSchema);

export function outboxQueryOptions() {
  return infiniteQueryOptions({
    queryKey: ['outbox'],
    queryFn: ({ pageParam, signal }) =>
      apiRequest('/outbox', {
        query: { limit: 50, cursor: pageParam },
        schema: OutboxPageSchema,
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}

export function useOutbox() {
  return useInfiniteQuery(outboxQueryOptions());
}
