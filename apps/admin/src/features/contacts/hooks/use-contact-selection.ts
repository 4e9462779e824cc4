import { useState } from 'react';

interface Selection {
  /** The list the selection was made in; another filter starts with nothing selected. */
  listKey: string;
  ids: string[];
  isAllMatching: boolean;
}

/** Rows ticked one by one, or "everything matching the filter" for bulk actions. */
export function useContactSelection(listKey: string, loadedIds: string[]) {
  const [state, setState] = useState<Selection>({ listKey, ids: [], isAllMatching: false });
  const current: Selection =
    state.listKey === listKey ? state : { listKey, ids: [], isAllMatching: false };

  const selected = new Set(current.ids);
  const isAllLoadedSelected =
    current.isAllMatching || (loadedIds.length > 0 && loadedIds.every((id) => selected.has(id)));

  return {
    ids: current.ids,
    isAllMatching: current.isAllMatching,
    isAllLoadedSelected,
    isSomeSelected: current.isAllMatching || current.ids.length > 0,
    isSelected: (id: string) => current.isAllMatching || selected.has(id),
    toggle: (id: string) => {
      if (current.isAllMatching) {
        // Leaving "all matching" keeps every loaded row but this one.
        setState({ listKey, ids: loadedIds.filter((item) => item !== id), isAllMatching: false });
        return;
      }
      setState({
        listKey,
        ids: selected.has(id) ? current.ids.filter((item) => item !== id) : [...current.ids, id],
        isAllMatching: false,
      });
    },
    toggleAllLoaded: () => {
      setState({ listKey, ids: isAllLoadedSelected ? [] : loadedIds, isAllMatching: false });
    },
    selectAllMatching: () => {
      setState({ listKey, ids: [], isAllMatching: true });
    },
    clear: () => {
      setState({ listKey, ids: [], isAllMatching: false });
    },
  };
}
