import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { describeError } from '../../lib/notify';

interface QueryErrorProps {
  error: unknown;
  onRetry?: () => void;
}

/** The inline state of a screen whose data could not be loaded. */
export function QueryError({ error, onRetry }: QueryErrorProps) {
  const { title, message } = describeError(error);
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} title={title} role="alert">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{message}</Text>
        {onRetry ? (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            Try again
          </Button>
        ) : null}
      </Stack>
    </Alert>
  );
}
