import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';

export const FORM_FIELD_TYPES = [
  'short_text',
  'long_text',
  'email',
  'phone',
  'number',
  'date',
  'select',
  'multi_select',
  'checkbox',
  'file',
  'heading',
  'paragraph',
] as const;
export const FormFieldTypeSchema = z.enum(FORM_FIELD_TYPES);
export type FormFieldType = z.infer<typeof FormFieldTypeSchema>;

/** Static blocks show text and take no answer. */
export const STATIC_FORM_FIELD_TYPES: readonly FormFieldType[] = ['heading', 'paragraph'];

/** `name`, `email`, `phone` or `field:{customFieldKey}`; absent: kept on the submission only. */
export const FormMapToSchema = z.union([
  z.enum(['name', 'email', 'phone']),
  z.templateLiteral(['field:', z.string().regex(/^[a-z][a-z0-9_]{0,62}$/)]),
]);
export type FormMapTo = z.infer<typeof FormMapToSchema>;

export const FormFieldSchema = z.object({
  id: IdSchema,
  type: FormFieldTypeSchema,
  label: z.string().trim().min(1).max(500),
  helpText: z.string().max(1000).optional(),
  placeholder: z.string().max(200).optional(),
  required: z.boolean(),
  options: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
  mapTo: FormMapToSchema.optional(),
});
export type FormField = z.infer<typeof FormFieldSchema>;

/** A field as a client sends it: the id is kept when given (editing), generated when not. */
export const FormFieldWriteSchema = FormFieldSchema.extend({
  id: IdSchema.optional(),
  required: z.boolean().default(false),
});
export type FormFieldWrite = z.input<typeof FormFieldWriteSchema>;

export const FormSchema = z.object({
  id: IdSchema,
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  submitLabel: z.string(),
  successMessage: z.string(),
  published: z.boolean(),
  fields: z.array(FormFieldSchema),
  submissionCount: z.number().int(),
  lastSubmissionAt: TimestampSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Form = z.infer<typeof FormSchema>;
