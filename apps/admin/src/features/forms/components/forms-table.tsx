import type { FormListItem } from '@agent-crm/contracts';
import { ActionIcon, Anchor, Badge, Menu, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconCopy, IconDots, IconEdit, IconListDetails, IconTrash } from '@tabler/icons-react';
import { Link } from 'react-router';

interface FormsTableProps {
  agentId: string;
  forms: FormListItem[];
  canManage: boolean;
  onDuplicate: (form: FormListItem) => void;
  onDelete: (form: FormListItem) => void;
}

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : '—';
}

/** The agent's forms: title, published, submissions, last submission. */
export function FormsTable({ agentId, forms, canManage, onDuplicate, onDelete }: FormsTableProps) {
  const base = `/agents/${agentId}/forms`;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table highlightOnHover verticalSpacing="sm" aria-label="Forms">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Title</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th ta="right">Submissions</Table.Th>
            <Table.Th>Last submission</Table.Th>
            <Table.Th w={48}>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {forms.map((form) => (
            <Table.Tr key={form.id}>
              <Table.Td>
                <Anchor component={Link} to={`${base}/${form.id}`} fw={500}>
                  {form.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {form.fieldCount} {form.fieldCount === 1 ? 'question' : 'questions'}
                </Text>
              </Table.Td>
              <Table.Td>
                {form.published ? (
                  <Badge color="teal" variant="light">
                    Published
                  </Badge>
                ) : (
                  <Badge color="gray" variant="light">
                    Draft
                  </Badge>
                )}
              </Table.Td>
              <Table.Td ta="right">
                <Anchor component={Link} to={`${base}/${form.id}/submissions`}>
                  {form.submissionCount}
                </Anchor>
              </Table.Td>
              <Table.Td>{when(form.lastSubmissionAt)}</Table.Td>
              <Table.Td>
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={`Actions for ${form.title}`}
                    >
                      <IconDots size={16} />
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item
                      component={Link}
                      to={`${base}/${form.id}`}
                      leftSection={<IconEdit size={14} />}
                    >
                      {canManage ? 'Edit' : 'View'}
                    </Menu.Item>
                    <Menu.Item
                      component={Link}
                      to={`${base}/${form.id}/submissions`}
                      leftSection={<IconListDetails size={14} />}
                    >
                      Submissions
                    </Menu.Item>
                    {canManage ? (
                      <>
                        <Menu.Item
                          leftSection={<IconCopy size={14} />}
                          onClick={() => {
                            onDuplicate(form);
                          }}
                        >
                          Duplicate
                        </Menu.Item>
                        <Menu.Item
                          color="red"
                          leftSection={<IconTrash size={14} />}
                          onClick={() => {
                            onDelete(form);
                          }}
                        >
                          Delete
                        </Menu.Item>
                      </>
                    ) : null}
                  </Menu.Dropdown>
                </Menu>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
