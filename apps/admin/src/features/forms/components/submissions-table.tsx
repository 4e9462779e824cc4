import type { Form, FormSubmission } from '@agent-crm/contracts';
import { isInputField } from '@agent-crm/contracts';
import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatAnswer } from './answers';

interface SubmissionsTableProps {
  agentId: string;
  form: Form;
  submissions: FormSubmission[];
}

/** One row per submission: when, the contact, and every answer under its question. */
export function SubmissionsTable({ agentId, form, submissions }: SubmissionsTableProps) {
  const inputs = form.fields.filter((field) => isInputField(field.type));
  return (
    <Table.ScrollContainer minWidth={Math.max(640, 180 * (inputs.length + 2))}>
      <Table striped verticalSpacing="xs" aria-label="Submissions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Submitted</Table.Th>
            <Table.Th>Contact</Table.Th>
            {inputs.map((field) => (
              <Table.Th key={field.id}>{field.label}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {submissions.map((submission) => (
            <Table.Tr key={submission.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {new Date(submission.createdAt).toLocaleString()}
              </Table.Td>
              <Table.Td>
                {submission.contactId ? (
                  <Anchor
                    component={Link}
                    to={`/agents/${agentId}/contacts/${submission.contactId}`}
                  >
                    Open contact
                  </Anchor>
                ) : (
                  <Text size="sm" c="dimmed">
                    No contact
                  </Text>
                )}
              </Table.Td>
              {inputs.map((field) => (
                <Table.Td key={field.id} style={{ whiteSpace: 'pre-line' }}>
                  {formatAnswer(submission.answers[field.id])}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
