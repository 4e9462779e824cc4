import { Button, EmptyState } from '@mantine/core';
import { IconMapQuestion } from '@tabler/icons-react';
import { Link } from 'react-router';

export function NotFoundRoute() {
  return (
    <EmptyState
      mt="xl"
      variant="light"
      icon={<IconMapQuestion size={28} />}
      title="Page not found"
      description="There is nothing at this address."
    >
      <EmptyState.Actions>
        <Button component={Link} to="/">
          Go to the start page
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
