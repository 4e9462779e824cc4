import { isApiError } from './api-client';

interface FormWithErrors {
  setErrors: (errors: Record<string, string>) => void;
}

/**
 * Puts the server's field errors (`details[].path`) on the matching inputs. Returns the message
 * to show above the form when the error is not about known fields, or null when every detail
 * found its input.
 */
export function applyServerErrors(
  form: FormWithErrors,
  error: unknown,
  fields: readonly string[],
): string | null {
  if (!isApiError(error)) return 'Something went wrong. Please try again.';
  const fieldErrors: Record<string, string> = {};
  for (const detail of error.details) {
    const path = detail.path.replace(/^body\./, '');
    if (fields.includes(path) || fields.some((field) => path.startsWith(`${field}.`))) {
      fieldErrors[path] = detail.message;
    }
  }
  const matched = Object.keys(fieldErrors).length;
  if (matched > 0) form.setErrors(fieldErrors);
  if (matched > 0 && matched === error.details.length) return null;
  if (error.status === 403) return "You don't have access to do this.";
  return error.message;
}

interface SchemaIssue {
  code?: string;
  path: PropertyKey[];
  message: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  input?: unknown;
}

interface SafeParser {
  safeParse: (
    value: unknown,
  ) => { success: true } | { success: false; error: { issues: SchemaIssue[] } };
}

/** Keeps the schemas' own wording where they have one; replaces zod's generic length messages. */
function humanize(issue: SchemaIssue): string {
  if (issue.code === 'too_small' && issue.origin === 'string') {
    if (Number(issue.minimum) <= 1) return 'Required';
    if (issue.message.startsWith('Too small')) return `Use at least ${issue.minimum} characters`;
  }
  if (
    issue.code === 'too_big' &&
    issue.origin === 'string' &&
    issue.message.startsWith('Too big')
  ) {
    return `Use at most ${issue.maximum} characters`;
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'Required';
  return issue.message;
}

/** The first message a contracts schema gives for one field's value, or null when it is valid. */
export function fieldError(schema: SafeParser, value: unknown): string | null {
  const result = schema.safeParse(value);
  if (result.success) return null;
  const issue = result.error.issues[0];
  return issue ? humanize(issue) : 'Invalid value';
}

/** A @mantine/form `validate` function from a contracts object schema. */
export function validateWith(schema: SafeParser) {
  return (values: unknown): Record<string, string> => {
    const result = schema.safeParse(values);
    if (result.success) return {};
    const errors: Record<string, string> = {};
    for (const issue of result.error.issues) {
      const path = issue.path.map(String).join('.');
      errors[path] ??= humanize(issue);
    }
    return errors;
  };
}
