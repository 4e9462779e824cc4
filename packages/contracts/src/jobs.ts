import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;

/** Background work a request started; poll it until `status` is `succeeded` or `failed`. */
export const JobSchema = z.object({
  id: IdSchema,
  kind: z.string(),
  status: z.enum(JOB_STATUSES),
  /** How many items the job found to work through, and how many it has done. */
  total: z.number().int().min(0),
  done: z.number().int().min(0),
  error: z.string().nullable(),
  createdAt: TimestampSchema,
  startedAt: TimestampSchema.nullable(),
  finishedAt: TimestampSchema.nullable(),
});
export type Job = z.infer<typeof JobSchema>;
