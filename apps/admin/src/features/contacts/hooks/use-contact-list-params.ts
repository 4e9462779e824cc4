import { CONTACT_SORTS, ContactSourceSchema } from '@agent-crm/contracts';
import { useDebouncedValue } from '@mantine/hooks';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { ContactListFilter, ContactSort } from '../api/contacts';

const FIELD_PREFIX = 'field.';
const MIN_SEARCH_LENGTH = 2;

export type ListParam =
  | 'q'
  | 'stage'
  | 'status'
  | 'ownerId'
  | 'source'
  | 'createdFrom'
  | 'createdTo'
  | 'archived'
  | 'sort';

function isSort(value: string | null): value is ContactSort {
  return CONTACT_SORTS.some((sort) => sort === value);
}

/**
 * The list's search, filters and sort live in the URL, so a view can be shared and survives a
 * reload. Dates are kept as YYYY-MM-DD there and sent as the start or end of that local day.
 */
export function useContactListParams() {
  const [searchParams, setSearchParams] = useSearchParams();
  const search = searchParams.get('q') ?? '';
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const sortParam = searchParams.get('sort');
  const sort: ContactSort = isSort(sortParam) ? sortParam : '-createdAt';

  const paramsKey = searchParams.toString();
  const view = useMemo(() => {
    const params = new URLSearchParams(paramsKey);
    const fields: Record<string, string> = {};
    for (const [name, value] of params) {
      if (name.startsWith(FIELD_PREFIX) && value) fields[name.slice(FIELD_PREFIX.length)] = value;
    }
    const source = ContactSourceSchema.safeParse(params.get('source'));
    return {
      stage: params.get('stage') ?? undefined,
      status: params.get('status') ?? undefined,
      ownerId: params.get('ownerId') ?? undefined,
      source: source.success ? source.data : undefined,
      createdFrom: params.get('createdFrom') ?? undefined,
      createdTo: params.get('createdTo') ?? undefined,
      archived: params.get('archived') === 'true',
      fields,
    };
  }, [paramsKey]);

  const filter = useMemo<ContactListFilter>(() => {
    const from = view.createdFrom ? dayjs(view.createdFrom) : null;
    const to = view.createdTo ? dayjs(view.createdTo) : null;
    return {
      q: debouncedSearch.length >= MIN_SEARCH_LENGTH ? debouncedSearch : undefined,
      stage: view.stage,
      status: view.status,
      ownerId: view.ownerId,
      source: view.source,
      createdFrom: from?.isValid() ? from.startOf('day').toISOString() : undefined,
      createdTo: to?.isValid() ? to.endOf('day').toISOString() : undefined,
      archived: view.archived || undefined,
      fields: Object.keys(view.fields).length > 0 ? view.fields : undefined,
    };
  }, [debouncedSearch, view]);

  const update = (change: (params: URLSearchParams) => void) => {
    setSearchParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        change(next);
        return next;
      },
      { replace: true },
    );
  };

  const setParam = (name: ListParam, value: string | null) => {
    update((params) => {
      if (value) params.set(name, value);
      else params.delete(name);
    });
  };

  const setFieldFilter = (key: string, value: string | null) => {
    update((params) => {
      if (value) params.set(`${FIELD_PREFIX}${key}`, value);
      else params.delete(`${FIELD_PREFIX}${key}`);
    });
  };

  const clearFilters = () => {
    update((params) => {
      for (const name of [...params.keys()]) {
        if (name !== 'sort') params.delete(name);
      }
    });
  };

  const activeFilterCount =
    [view.stage, view.status, view.ownerId, view.source, view.createdFrom, view.createdTo].filter(
      Boolean,
    ).length +
    (view.archived ? 1 : 0) +
    Object.keys(view.fields).length;

  return {
    search,
    isSearching: debouncedSearch.length >= MIN_SEARCH_LENGTH,
    view,
    filter,
    sort,
    activeFilterCount,
    setParam,
    setFieldFilter,
    clearFilters,
  };
}

export type ContactListParams = ReturnType<typeof useContactListParams>;
