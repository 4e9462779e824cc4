import { Anchor } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { ApiError } from '../../../lib/api-client';

/**
 * A 409 `duplicate_contact` as form errors: each clashing field gets the server's message and a
 * link to the contact that already has the value.
 */
export function duplicateErrors(
  error: ApiError,
  agentId: string,
  onOpen?: () => void,
): Record<string, ReactNode> {
  const errors: Record<string, ReactNode> = {};
  for (const detail of error.details) {
    errors[detail.path.replace(/^body\./, '')] = (
      <>
        {detail.message}
        {detail.contactId ? (
          <>
            {' '}
            <Anchor
              component={Link}
              to={`/agents/${agentId}/contacts/${detail.contactId}`}
              size="xs"
              onClick={onOpen}
            >
              Open the existing contact
            </Anchor>
          </>
        ) : null}
      </>
    );
  }
  return errors;
}
