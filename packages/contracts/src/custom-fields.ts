import { z } from 'zod';
import { IdSchema, TimestampSchema, text } from './common';

export const FIELD_TYPES = [
  'text',
  'long_text',
  'number',
  'date',
  'boolean',
  'select',
  'multi_select',
  'email',
  'phone',
  'url',
] as const;
export const FieldTypeSchema = z.enum(FIELD_TYPES);
export type FieldType = z.infer<typeof FieldTypeSchema>;

export const SELECT_TYPES: readonly FieldType[] = ['select', 'multi_select'];

/** Keys name values in the API, CSV mapping and forms, so they never change once created. */
export const FieldKeySchema = z
  .string()
  .trim()
  .regex(
    /^[a-z][a-z0-9_]{0,49}$/,
    'Use up to 50 lower-case letters, digits and underscores, starting with a letter',
  );

/** Keys the built-in contact fields already use. */
export const RESERVED_FIELD_KEYS = [
  'id',
  'name',
  'email',
  'phone',
  'external_id',
  'externalid',
  'stage',
  'status',
  'owner',
  'source',
  'created_at',
  'updated_at',
] as const;

const OptionsSchema = z
  .array(text(100))
  .max(200, 'Use at most 200 options')
  .refine((options) => new Set(options).size === options.length, 'Options must be unique');

export const CustomFieldSchema = z.object({
  id: IdSchema,
  key: z.string(),
  label: z.string(),
  type: FieldTypeSchema,
  options: z.array(z.string()),
  required: z.boolean(),
  allowForAi: z.boolean(),
  helpText: z.string().nullable(),
  position: z.number().int(),
  createdAt: TimestampSchema,
});
export type CustomField = z.infer<typeof CustomFieldSchema>;

export const CustomFieldCreateSchema = z
  .object({
    label: text(100),
    key: FieldKeySchema.optional(),
    type: FieldTypeSchema,
    options: OptionsSchema.default([]),
    required: z.boolean().default(false),
    allowForAi: z.boolean().default(false),
    helpText: z.string().trim().max(500).nullable().default(null),
  })
  .superRefine((field, ctx) => {
    checkOptions(field.type, field.options, ctx);
  });
export type CustomFieldCreate = z.infer<typeof CustomFieldCreateSchema>;

export const CustomFieldPatchSchema = z.object({
  label: text(100).optional(),
  key: z.never({ error: 'A field key cannot change once created' }).optional(),
  type: FieldTypeSchema.optional(),
  options: OptionsSchema.optional(),
  required: z.boolean().optional(),
  allowForAi: z.boolean().optional(),
  helpText: z.string().trim().max(500).nullable().optional(),
});
export type CustomFieldPatch = z.infer<typeof CustomFieldPatchSchema>;

export const FieldOrderSchema = z.object({ fieldIds: z.array(IdSchema).min(1).max(500) });

export function checkOptions(type: FieldType, options: string[], ctx: z.RefinementCtx): void {
  if (SELECT_TYPES.includes(type) && options.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['options'], message: 'Add at least one option' });
  }
  if (!SELECT_TYPES.includes(type) && options.length > 0) {
    ctx.addIssue({ code: 'custom', path: ['options'], message: 'Only select fields have options' });
  }
}
