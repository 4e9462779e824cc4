import { notifications } from '@mantine/notifications';
import { isApiError } from './api-client';

/** A human sentence for any error, with the forbidden case worded for people, not codes. */
export function describeError(error: unknown): { title: string; message: string } {
  if (isApiError(error)) {
    if (error.status === 403 || error.code === 'forbidden') {
      return {
        title: "You don't have access",
        message: 'Your role does not allow this. Ask an owner or admin if you need it.',
      };
    }
    if (error.code === 'rate_limited') {
      return { title: 'Too many attempts', message: error.message };
    }
    if (error.status >= 500 || error.code === 'invalid_response') {
      return { title: 'Something went wrong', message: error.message };
    }
    return { title: 'Request failed', message: error.message };
  }
  return { title: 'Something went wrong', message: 'An unexpected error occurred.' };
}

export function notifyError(error: unknown): void {
  const { title, message } = describeError(error);
  notifications.show({ color: 'red', title, message });
}

export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', message });
}
