import { Button, Checkbox, Menu, ScrollArea, Stack } from '@mantine/core';
import { IconColumns } from '@tabler/icons-react';
import type { ColumnOption } from './contact-columns';

interface ColumnChooserProps {
  options: ColumnOption[];
  visible: string[];
  onChange: (visible: string[]) => void;
}

export function ColumnChooser({ options, visible, onChange }: ColumnChooserProps) {
  return (
    <Menu closeOnItemClick={false} position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<IconColumns size={16} />}>
          Columns
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Show columns</Menu.Label>
        <ScrollArea.Autosize mah={360} px="sm" pb="xs">
          <Stack gap="xs">
            {options.map((option) => (
              <Checkbox
                key={option.id}
                label={option.label}
                // The name opens the contact, so it always stays.
                disabled={option.id === 'name'}
                checked={option.id === 'name' || visible.includes(option.id)}
                onChange={(event) => {
                  const isChecked = event.currentTarget.checked;
                  onChange(
                    isChecked
                      ? options
                          .map((item) => item.id)
                          .filter((id) => id === option.id || visible.includes(id))
                      : visible.filter((id) => id !== option.id),
                  );
                }}
              />
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Menu.Dropdown>
    </Menu>
  );
}
