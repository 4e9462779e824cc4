import { z } from 'zod';
import { EmailSchema, IdSchema, TimestampSchema, text } from './common';

export const ROLES = ['owner', 'admin', 'user'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const PasswordSchema = z
  .string()
  .min(8, 'Use at least 8 characters')
  .max(128, 'Use at most 128 characters');

export const PersonNameSchema = text(101);
export const OrganizationNameSchema = text(100, 3);

export const UserSchema = z.object({
  id: IdSchema,
  email: z.string(),
  name: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  image: z.string().nullable(),
});
export type User = z.infer<typeof UserSchema>;

export const OrganizationSchema = z.object({ id: IdSchema, name: z.string() });
export type Organization = z.infer<typeof OrganizationSchema>;

export const SetupBodySchema = z.object({
  organizationName: OrganizationNameSchema,
  name: PersonNameSchema,
  email: EmailSchema,
  password: PasswordSchema,
});
export type SetupBody = z.infer<typeof SetupBodySchema>;

export const SetupStatusSchema = z.object({
  isSetUp: z.boolean(),
  allowSignup: z.boolean(),
});

export const SignInBodySchema = z.object({
  email: EmailSchema,
  password: z.string().min(1).max(128),
});

export const SessionResponseSchema = z.object({
  user: UserSchema,
  organization: OrganizationSchema,
});

export const MeSchema = z.object({
  user: UserSchema,
  organization: OrganizationSchema,
  role: RoleSchema,
});
export type Me = z.infer<typeof MeSchema>;

export const ProfileBodySchema = z
  .object({
    firstName: text(50),
    lastName: text(50),
    image: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .nullable(),
  })
  .partial();
export type ProfileBody = z.infer<typeof ProfileBodySchema>;

export const OrganizationPatchSchema = z.object({ name: OrganizationNameSchema });

export const MEMBER_STATES = ['active', 'invited'] as const;

export const MemberSchema = z.object({
  id: IdSchema,
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  joinedAt: TimestampSchema,
});
export type Member = z.infer<typeof MemberSchema>;

export const MemberPatchSchema = z.object({ role: z.enum(['admin', 'user']) });

export const TransferOwnershipBodySchema = z.object({ memberId: IdSchema });

export const InvitationRoleSchema = z.enum(['admin', 'user']);

export const InvitationCreateSchema = z.object({
  email: EmailSchema,
  role: InvitationRoleSchema,
});

export const InvitationSchema = z.object({
  id: IdSchema,
  email: z.string(),
  role: InvitationRoleSchema,
  acceptUrl: z.string(),
  invitedBy: IdSchema.nullable(),
  expiresAt: TimestampSchema,
  createdAt: TimestampSchema,
});
export type Invitation = z.infer<typeof InvitationSchema>;

export const InvitationPreviewSchema = z.object({
  email: z.string(),
  role: InvitationRoleSchema,
  organization: OrganizationSchema,
});

export const InvitationAcceptSchema = z.object({
  token: z.string().min(16).max(200),
  name: PersonNameSchema,
  password: PasswordSchema,
});
