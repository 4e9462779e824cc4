import { z } from 'zod';
import { CountryCodeSchema } from './agents';
import { IdSchema, text } from './common';

export const DEFAULT_STAGES = ['Lead', 'Prospect', 'Customer', 'Old Customer'] as const;
export const DEFAULT_STATUSES = ['Active', 'Inactive'] as const;

/** Stages and statuses are both ordered, named lists per agent. */
export const PIPELINE_KINDS = ['stages', 'statuses'] as const;
export const PipelineKindSchema = z.enum(PIPELINE_KINDS);
export type PipelineKind = z.infer<typeof PipelineKindSchema>;

export const PipelineItemSchema = z.object({
  id: IdSchema,
  name: z.string(),
  position: z.number().int(),
  contactCount: z.number().int(),
});
export type PipelineItem = z.infer<typeof PipelineItemSchema>;

export const PipelineItemNameSchema = z.object({ name: text(50) });
export const PipelineOrderSchema = z.object({ ids: z.array(IdSchema).min(1).max(100) });
export const PipelineRemoveQuerySchema = z.object({
  moveTo: IdSchema.describe('Where the contacts of the removed item go'),
});

export const MAX_FILE_SIZE_MB = 100;

export const CrmSettingsSchema = z.object({
  stages: z.array(PipelineItemSchema),
  statuses: z.array(PipelineItemSchema),
  defaultCountry: z.string(),
  fileSizeLimitMb: z.number().int(),
});
export type CrmSettings = z.infer<typeof CrmSettingsSchema>;

export const CrmSettingsPatchSchema = z.object({
  defaultCountry: CountryCodeSchema.optional(),
  fileSizeLimitMb: z.number().int().min(1).max(MAX_FILE_SIZE_MB).optional(),
});
