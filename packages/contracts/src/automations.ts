import { z } from 'zod';
import { IdSchema } from './common';

/** How a contact came in, as automations see it: by a member's hand, or captured by a machine. */
export const CREATION_METHODS = ['manual', 'captured', 'form', 'import', 'api', 'payment'] as const;
export const CreationMethodSchema = z.enum(CREATION_METHODS);
export type CreationMethod = z.infer<typeof CreationMethodSchema>;

export const ASSIGNMENT_STRATEGIES = [
  'creator',
  'org_owner',
  'member',
  'round_robin',
  'none',
] as const;
export const AssignmentStrategySchema = z.enum(ASSIGNMENT_STRATEGIES);
export type AssignmentStrategy = z.infer<typeof AssignmentStrategySchema>;

export const AssignmentSlotSchema = z.object({
  strategy: AssignmentStrategySchema,
  /** For `member`: who gets every new contact. */
  memberId: IdSchema.optional(),
  /** For `round_robin`: the ordered pool, at least two members. */
  pool: z.array(IdSchema).max(100).optional(),
});
export type AssignmentSlot = z.infer<typeof AssignmentSlotSchema>;

export const AssignmentRuleSchema = z.object({
  primary: AssignmentSlotSchema,
  secondary: AssignmentSlotSchema.nullable(),
});
export type AssignmentRule = z.infer<typeof AssignmentRuleSchema>;

/**
 * `manual` and `captured` are always present in answers; `form`, `import`, `api` and `payment`
 * only when they have their own rule (otherwise `captured` applies to them).
 */
export const AutomationSettingsSchema = z.object({
  assignment: z.object({
    manual: AssignmentRuleSchema,
    captured: AssignmentRuleSchema,
    form: AssignmentRuleSchema.optional(),
    import: AssignmentRuleSchema.optional(),
    api: AssignmentRuleSchema.optional(),
    payment: AssignmentRuleSchema.optional(),
  }),
  startingStage: z.object({
    manual: z.string().trim().min(1).max(50),
    captured: z.string().trim().min(1).max(50),
    form: z.string().trim().min(1).max(50).optional(),
    import: z.string().trim().min(1).max(50).optional(),
    api: z.string().trim().min(1).max(50).optional(),
    payment: z.string().trim().min(1).max(50).optional(),
  }),
  /** Starting status per creation method; the agent's first status when absent. */
  startingStatus: z
    .object({
      manual: z.string().trim().min(1).max(50).optional(),
      captured: z.string().trim().min(1).max(50).optional(),
      form: z.string().trim().min(1).max(50).optional(),
      import: z.string().trim().min(1).max(50).optional(),
      api: z.string().trim().min(1).max(50).optional(),
      payment: z.string().trim().min(1).max(50).optional(),
    })
    .optional(),
});
export type AutomationSettings = z.infer<typeof AutomationSettingsSchema>;
