import { Alert, Anchor, List, Text } from '@mantine/core';
import { IconCopy } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { DuplicateCandidate } from '@agent-crm/contracts';
import { contactTitle } from './vocabulary';

const REASON_LABELS: Record<DuplicateCandidate['reasons'][number], string> = {
  same_email: 'Same email',
  same_phone: 'Same phone',
  same_external_id: 'Same external ID',
  similar_name: 'Similar name',
};

interface DuplicateWarningProps {
  agentId: string;
  candidates: DuplicateCandidate[];
}

/** Possible duplicates of the person being entered, each with why and a link to it. */
export function DuplicateWarning({ agentId, candidates }: DuplicateWarningProps) {
  if (candidates.length === 0) return null;
  return (
    <Alert
      color="yellow"
      icon={<IconCopy size={18} />}
      title="This person may already be here"
      data-testid="duplicate-warning"
    >
      <List size="sm" spacing={4}>
        {candidates.map(({ contact, reasons }) => (
          <List.Item key={contact.id}>
            <Anchor component={Link} to={`/agents/${agentId}/contacts/${contact.id}`} size="sm">
              {contactTitle(contact)}
            </Anchor>{' '}
            <Text span size="sm" c="dimmed">
              {[contact.email, contact.phone].filter(Boolean).join(' · ')}
            </Text>{' '}
            <Text span size="sm" fw={500}>
              — {reasons.map((reason) => REASON_LABELS[reason]).join(', ')}
            </Text>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
