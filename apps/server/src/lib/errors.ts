import { ERROR_STATUS, type ErrorCode, type ErrorDetail } from '@agent-crm/contracts';

/** The one error class of the server: a code from the contracts table, a sentence, field details. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: ErrorDetail[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
    this.headers = options.headers;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} not found`);
}

export function forbidden(message = 'You are not allowed to do this'): AppError {
  return new AppError('forbidden', message);
}

export function invalidField(path: string, message: string): AppError {
  return new AppError('validation_failed', message, { details: [{ path, message }] });
}
