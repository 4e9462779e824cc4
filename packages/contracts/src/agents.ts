import { z } from 'zod';
import { IdSchema, TimestampSchema, text } from './common';

export const VISIBILITIES = ['private', 'public'] as const;
export const ACCESS_MODES = ['free', 'restricted', 'paid'] as const;

/** ISO 3166-1 alpha-2, as libphonenumber and the phone inputs expect. */
export const CountryCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'Use a two-letter country code such as GB');

export const AiCaptureSchema = z.object({
  name: z.boolean(),
  email: z.boolean(),
  phone: z.boolean(),
});

const agentFields = {
  name: text(100),
  instructions: z.string().max(20_000),
  welcomeMessage: z.string().trim().max(1_000),
  suggestedQuestions: z.array(text(200)).max(10),
  model: z.string().trim().max(200).nullable(),
  visibility: z.enum(VISIBILITIES),
  accessMode: z.enum(ACCESS_MODES),
  defaultCountry: CountryCodeSchema,
};

export const AgentCreateSchema = z.object({
  ...agentFields,
  instructions: agentFields.instructions.default(''),
  welcomeMessage: agentFields.welcomeMessage.default('Hi! How can I help you today?'),
  suggestedQuestions: agentFields.suggestedQuestions.default([]),
  model: agentFields.model.default(null),
  visibility: agentFields.visibility.default('private'),
  accessMode: agentFields.accessMode.default('free'),
  defaultCountry: agentFields.defaultCountry.default('US'),
  aiCapture: AiCaptureSchema.partial().default({}),
});
export type AgentCreate = z.infer<typeof AgentCreateSchema>;

export const AgentPatchSchema = z
  .object({
    ...agentFields,
    aiCapture: AiCaptureSchema.partial(),
  })
  .partial();
export type AgentPatch = z.infer<typeof AgentPatchSchema>;

export const AgentSchema = z.object({
  id: IdSchema,
  ...agentFields,
  aiCapture: AiCaptureSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Agent = z.infer<typeof AgentSchema>;

export const AgentAccessSchema = z.object({ memberIds: z.array(IdSchema).max(1000) });
