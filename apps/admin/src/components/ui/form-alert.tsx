import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';

/** The message above a form for errors that belong to no single field. */
export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
      {message}
    </Alert>
  );
}
