import type { CustomField } from '@agent-crm/contracts';
import { useLocalStorage } from '@mantine/hooks';

export const STANDARD_COLUMNS = [
  { id: 'name', label: 'Name' },
  { id: 'email', label: 'Primary Email' },
  { id: 'phone', label: 'Mobile Number' },
  { id: 'stage', label: 'Stage' },
  { id: 'status', label: 'Status' },
  { id: 'owner', label: 'Owner' },
  { id: 'source', label: 'Source' },
  { id: 'createdAt', label: 'Created' },
] as const;

export interface ColumnOption {
  id: string;
  label: string;
}

export function fieldColumnId(key: string): string {
  return `field:${key}`;
}

export function columnOptions(fields: CustomField[]): ColumnOption[] {
  return [
    ...STANDARD_COLUMNS,
    ...fields.map((field) => ({ id: fieldColumnId(field.key), label: field.label })),
  ];
}

const DEFAULT_COLUMNS: string[] = STANDARD_COLUMNS.map((column) => column.id);

/** The columns chosen for an agent's list, remembered in this browser. */
export function useContactColumns(agentId: string) {
  return useLocalStorage<string[]>({
    key: `agent-crm:contact-columns:${agentId}`,
    defaultValue: DEFAULT_COLUMNS,
    getInitialValueInEffect: false,
  });
}
