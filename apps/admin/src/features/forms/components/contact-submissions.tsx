import { Anchor, EmptyState, Loader, Paper, Stack, Table, Text } from '@mantine/core';
import { IconForms } from '@tabler/icons-react';
import { Link } from 'react-router';
import { QueryError } from '../../../components/ui/query-error';
import { useContactSubmissions } from '../api/forms';
import { formatAnswer } from './answers';

/** The contact's Forms tab: every submission in full, newest first. */
export function ContactSubmissions({ agentId, contactId }: { agentId: string; contactId: string }) {
  const submissions = useContactSubmissions(agentId, contactId);
  if (submissions.isPending) return <Loader m="md" />;
  if (submissions.isError) {
    return <QueryError error={submissions.error} onRetry={() => void submissions.refetch()} />;
  }
  if (submissions.data.data.length === 0) {
    return (
      <EmptyState
        icon={<IconForms size={28} />}
        title="No form submissions yet"
        description="When this contact fills in one of the agent's forms, the answers show up here."
      />
    );
  }
  return (
    <Stack gap="md">
      {submissions.data.data.map((submission) => (
        <Paper key={submission.id} withBorder p="md" radius="md" data-testid="contact-submission">
          <Stack gap="xs">
            <Text fw={600}>
              <Anchor
                component={Link}
                to={`/agents/${agentId}/forms/${submission.formId}/submissions`}
              >
                {submission.formTitle}
              </Anchor>
            </Text>
            <Text size="xs" c="dimmed">
              Submitted {new Date(submission.createdAt).toLocaleString()}
            </Text>
            <Table withRowBorders={false} verticalSpacing={4}>
              <Table.Tbody>
                {submission.fields.map((field) => (
                  <Table.Tr key={field.id}>
                    <Table.Th w="40%" fw={500} c="dimmed">
                      {field.label}
                    </Table.Th>
                    <Table.Td style={{ whiteSpace: 'pre-line' }}>
                      {formatAnswer(submission.answers[field.id])}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
