import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-client';
import { notifyError } from './notify';

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: Error;
    queryMeta: {
      /** The screen shows this query's errors itself; do not raise a notification. */
      handlesErrors?: boolean;
    };
    mutationMeta: {
      /** The form shows this mutation's errors itself (field errors, alerts). */
      handlesErrors?: boolean;
    };
  }
}

export const ME_QUERY_KEY = ['me'] as const;

function isSessionLost(error: unknown): boolean {
  return isApiError(error) && error.status === 401;
}

export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (isSessionLost(error)) {
          // The session ended elsewhere: refetching "me" sends the shell back to sign-in.
          void queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
          return;
        }
        if (query.meta?.handlesErrors) return;
        notifyError(error);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (isSessionLost(error)) {
          void queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
        }
        if (mutation.meta?.handlesErrors) return;
        notifyError(error);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) =>
          !(isApiError(error) && error.status >= 400 && error.status < 500) && failureCount < 2,
      },
    },
  });
  return queryClient;
}
