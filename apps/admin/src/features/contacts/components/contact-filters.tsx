import '@mantine/dates/styles.css';
import type { CustomField } from '@agent-crm/contracts';
import {
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TextInput,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useDebouncedCallback, useDisclosure } from '@mantine/hooks';
import { IconFilter, IconSearch, IconX } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import type { ContactListParams } from '../hooks/use-contact-list-params';
import { SOURCE_OPTIONS, memberOptions, type CrmVocabulary } from './vocabulary';

const SORT_OPTIONS = [
  { value: '-createdAt', label: 'Newest first' },
  { value: 'createdAt', label: 'Oldest first' },
  { value: 'name', label: 'Name A–Z' },
  { value: '-name', label: 'Name Z–A' },
  { value: '-updatedAt', label: 'Recently updated' },
];

interface ContactFiltersProps {
  params: ContactListParams;
  vocabulary: CrmVocabulary;
  /** Extra controls at the end of the toolbar (column chooser). */
  extra?: ReactNode;
}

export function ContactFilters({ params, vocabulary, extra }: ContactFiltersProps) {
  const { view, setParam, setFieldFilter } = params;
  const [isOpen, panel] = useDisclosure(params.activeFilterCount > 0);
  // Text filters keep a draft while typing; clearing starts them afresh.
  const [clearCount, setClearCount] = useState(0);

  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="sm">
        <TextInput
          label="Search contacts"
          placeholder="Name, email, phone…"
          leftSection={<IconSearch size={16} />}
          value={params.search}
          w={300}
          onChange={(event) => {
            setParam('q', event.currentTarget.value);
          }}
        />
        <Select
          label="Sort"
          data={SORT_OPTIONS}
          value={params.sort}
          allowDeselect={false}
          w={180}
          onChange={(value) => {
            setParam('sort', value === '-createdAt' ? null : value);
          }}
        />
        <Button
          variant={isOpen ? 'light' : 'default'}
          leftSection={<IconFilter size={16} />}
          rightSection={
            params.activeFilterCount > 0 ? (
              <Badge size="sm" circle>
                {params.activeFilterCount}
              </Badge>
            ) : null
          }
          onClick={panel.toggle}
          aria-expanded={isOpen}
        >
          Filters
        </Button>
        {params.activeFilterCount > 0 ? (
          <Button
            variant="subtle"
            leftSection={<IconX size={16} />}
            onClick={() => {
              params.clearFilters();
              setClearCount((count) => count + 1);
            }}
          >
            Clear filters
          </Button>
        ) : null}
        {extra}
      </Group>
      {isOpen ? (
        <Paper withBorder p="md">
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            <Select
              label="Stage"
              data={vocabulary.stages}
              clearable
              value={view.stage ?? null}
              onChange={(value) => {
                setParam('stage', value);
              }}
            />
            <Select
              label="Status"
              data={vocabulary.statuses}
              clearable
              value={view.status ?? null}
              onChange={(value) => {
                setParam('status', value);
              }}
            />
            <Select
              label="Owner"
              data={[{ value: 'none', label: 'Unassigned' }, ...memberOptions(vocabulary.members)]}
              clearable
              searchable
              value={view.ownerId ?? null}
              onChange={(value) => {
                setParam('ownerId', value);
              }}
            />
            <Select
              label="Source"
              data={SOURCE_OPTIONS}
              clearable
              value={view.source ?? null}
              onChange={(value) => {
                setParam('source', value);
              }}
            />
            <DateInput
              label="Created from"
              clearable
              valueFormat="D MMM YYYY"
              value={view.createdFrom ?? null}
              onChange={(value) => {
                setParam('createdFrom', value);
              }}
            />
            <DateInput
              label="Created to"
              clearable
              valueFormat="D MMM YYYY"
              value={view.createdTo ?? null}
              onChange={(value) => {
                setParam('createdTo', value);
              }}
            />
            {vocabulary.fields.map((field) => (
              <FieldFilter
                key={`${field.id}:${clearCount}`}
                field={field}
                value={view.fields[field.key] ?? ''}
                onChange={(value) => {
                  setFieldFilter(field.key, value);
                }}
              />
            ))}
          </SimpleGrid>
          <Switch
            mt="md"
            label="Show archived contacts"
            checked={view.archived}
            onChange={(event) => {
              setParam('archived', event.currentTarget.checked ? 'true' : null);
            }}
          />
        </Paper>
      ) : null}
    </Stack>
  );
}

interface FieldFilterProps {
  field: CustomField;
  value: string;
  onChange: (value: string | null) => void;
}

/** Selects match exactly; text fields match "contains", so typing is debounced. */
function FieldFilter({ field, value, onChange }: FieldFilterProps) {
  switch (field.type) {
    case 'select':
    case 'multi_select':
      return (
        <Select
          label={field.label}
          data={field.options}
          clearable
          value={value || null}
          onChange={onChange}
        />
      );
    case 'boolean':
      return (
        <Select
          label={field.label}
          data={[
            { value: 'true', label: 'Yes' },
            { value: 'false', label: 'No' },
          ]}
          clearable
          value={value || null}
          onChange={onChange}
        />
      );
    case 'date':
      return (
        <DateInput
          label={field.label}
          clearable
          valueFormat="D MMM YYYY"
          value={value || null}
          onChange={onChange}
        />
      );
    case 'number':
    case 'text':
    case 'long_text':
    case 'email':
    case 'phone':
    case 'url':
      return <TextFieldFilter label={field.label} value={value} onChange={onChange} />;
  }
}

function TextFieldFilter({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (value: string | null) => void;
}) {
  const [draft, setDraft] = useState(value);
  const commit = useDebouncedCallback((next: string) => {
    onChange(next.trim() || null);
  }, 400);
  return (
    <TextInput
      label={label}
      value={draft}
      onChange={(event) => {
        setDraft(event.currentTarget.value);
        commit(event.currentTarget.value);
      }}
    />
  );
}
