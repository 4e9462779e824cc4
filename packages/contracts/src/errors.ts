import { z } from 'zod';

/**
 * Every error the API can answer with, and its HTTP status. The server maps codes to statuses
 * only through this table, and clients switch on the code, never on the message.
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  invalid_json: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  sign_in_required: 401,
  payment_required: 402,
  forbidden: 403,
  csrf_rejected: 403,
  signup_disabled: 403,
  agent_private: 403,
  not_found: 404,
  already_set_up: 409,
  conflict: 409,
  email_taken: 409,
  duplicate_contact: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ErrorDetailSchema = z.object({
  path: z.string(),
  message: z.string(),
  /** For duplicate_contact: the existing contact that holds the value. */
  contactId: z.string().optional(),
});
export type ErrorDetail = z.infer<typeof ErrorDetailSchema>;

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(ErrorDetailSchema).optional(),
    requestId: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
