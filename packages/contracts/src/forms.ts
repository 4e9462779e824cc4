import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';
import type { FieldType } from './custom-fields';

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

/** Input types: the ones a visitor answers (static blocks take none). */
export function isInputField(type: FormFieldType): boolean {
  return !STATIC_FORM_FIELD_TYPES.includes(type);
}

export const FORM_FIELD_TYPE_LABELS: Record<FormFieldType, string> = {
  short_text: 'Short text',
  long_text: 'Long text',
  email: 'Email',
  phone: 'Phone',
  number: 'Number',
  date: 'Date',
  select: 'Select',
  multi_select: 'Multi select',
  checkbox: 'Checkbox',
  file: 'File upload',
  heading: 'Heading',
  paragraph: 'Paragraph',
};

/** Which form inputs may fill which built-in contact field. */
export const FORM_BUILT_IN_TARGETS: Record<'name' | 'email' | 'phone', readonly FormFieldType[]> = {
  name: ['short_text'],
  email: ['email'],
  phone: ['phone'],
};

/** Which form inputs may fill a custom field of each type. */
export const FORM_CUSTOM_TARGETS: Record<FieldType, readonly FormFieldType[]> = {
  text: ['short_text', 'long_text', 'email', 'phone', 'number', 'date', 'select'],
  long_text: ['short_text', 'long_text'],
  number: ['number'],
  date: ['date'],
  boolean: ['checkbox'],
  select: ['select'],
  multi_select: ['multi_select', 'select'],
  email: ['email'],
  phone: ['phone'],
  url: ['short_text'],
};

/** The honeypot input's name on every public form: humans never see it, bots fill it. */
export const FORM_HONEYPOT_FIELD = 'website';

/** File types a visitor may upload through a form: images, PDF, office documents, plain text. */
export const FORM_UPLOAD_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/heic',
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'text/plain',
  'text/csv',
] as const;

const FormTextSchema = z.string().trim().max(2000);

export const FormWriteSchema = z.object({
  title: z.string().trim().min(1, 'Give the form a title').max(200),
  description: FormTextSchema.default(''),
  submitLabel: z.string().trim().min(1).max(60).default('Submit'),
  successMessage: FormTextSchema.min(1).default('Thank you!'),
  fields: z.array(FormFieldWriteSchema).max(100, 'Use at most 100 fields').default([]),
  published: z.boolean().default(false),
});
export type FormWrite = z.input<typeof FormWriteSchema>;

export const FormPatchSchema = z.object({
  title: FormWriteSchema.shape.title.optional(),
  description: FormTextSchema.optional(),
  submitLabel: z.string().trim().min(1).max(60).optional(),
  successMessage: FormTextSchema.min(1).optional(),
  fields: z.array(FormFieldWriteSchema).max(100, 'Use at most 100 fields').optional(),
  published: z.boolean().optional(),
});
export type FormPatch = z.input<typeof FormPatchSchema>;

export const FormListItemSchema = FormSchema.omit({ fields: true }).extend({
  fieldCount: z.number().int(),
});
export type FormListItem = z.infer<typeof FormListItemSchema>;

/** What a visitor's browser needs: no mapping, no counts. */
export const PublicFormFieldSchema = FormFieldSchema.omit({ mapTo: true });
export type PublicFormField = z.infer<typeof PublicFormFieldSchema>;

export const PublicFormSchema = z.object({
  id: IdSchema,
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  submitLabel: z.string(),
  successMessage: z.string(),
  fields: z.array(PublicFormFieldSchema),
  /** Signed render time: a submission must send it back, no sooner than the minimum fill time. */
  renderToken: z.string(),
  /** The honeypot input's name: leave it empty. */
  honeypotField: z.literal(FORM_HONEYPOT_FIELD),
});
export type PublicForm = z.infer<typeof PublicFormSchema>;

/** A file answer as stored: the contact file it became. */
export const FormFileAnswerSchema = z.object({
  fileId: IdSchema,
  fileName: z.string(),
  size: z.number().int(),
  contentType: z.string(),
});
export type FormFileAnswer = z.infer<typeof FormFileAnswerSchema>;

export const FormAnswerValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.string()),
  z.array(FormFileAnswerSchema),
  z.null(),
]);

export const FormSubmissionCreateSchema = z.object({
  answers: z.record(z.string(), z.unknown()).default({}),
  renderToken: z.string().max(500).optional(),
  [FORM_HONEYPOT_FIELD]: z.string().max(2000).optional(),
});
export type FormSubmissionCreate = z.input<typeof FormSubmissionCreateSchema>;

export const FormSubmissionSchema = z.object({
  id: IdSchema,
  formId: IdSchema,
  contactId: IdSchema.nullable(),
  answers: z.record(z.string(), z.unknown()),
  createdAt: TimestampSchema,
});
export type FormSubmission = z.infer<typeof FormSubmissionSchema>;

export const FormSubmissionQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(200).optional(),
});

/** A submission on the contact's Forms tab: with the form's title and field labels. */
export const ContactSubmissionSchema = FormSubmissionSchema.extend({
  formTitle: z.string(),
  fields: z.array(FormFieldSchema.pick({ id: true, type: true, label: true })),
});
export type ContactSubmission = z.infer<typeof ContactSubmissionSchema>;
