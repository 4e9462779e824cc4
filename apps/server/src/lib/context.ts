import type { Role } from '@agent-crm/contracts';
import type { Config } from '../config';
import type { Db } from '../db/client';
import type { Auth } from '../modules/auth/better-auth';
import type { Mailer } from '../modules/mail/mail.service';
import type { Storage } from './storage';

/** What every service needs that does not come from the request. */
export type Deps = {
  db: Db;
  /** Connections with a short statement timeout, for lists and searches. */
  searchDb: Db;
  config: Config;
  auth: Auth;
  mailer: Mailer;
  storage: Storage;
};

export type MemberActor = {
  kind: 'member';
  userId: string;
  email: string;
  role: Role;
};

/** The request's tenant scope and actor: services take this, never a request. */
export type MemberContext = Deps & {
  organizationId: string;
  actor: MemberActor;
  requestId: string;
  ip: string;
  userAgent: string | null;
};

export type PublicContext = Deps & { requestId: string; ip: string; userAgent: string | null };
