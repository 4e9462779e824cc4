import type {
  Activity,
  ActorKind,
  ContactFilter,
  ContactListQuery,
  Contact,
  ContactSource,
  ContactWrite,
  ErrorDetail,
  FieldValue,
} from '@agent-crm/contracts';
import { and, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client';
import { rowFromDriver } from '../../db/rows';
import {
  agents,
  contactActivities,
  contactFiles,
  contacts,
  customFields,
  formSubmissions,
  members,
  pipelineItems,
} from '../../db/schema';
import type { MemberContext } from '../../lib/context';
import { AppError, forbidden, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { pgError, UNIQUE_VIOLATION } from '../../lib/pg-errors';
import { decodeCursor, toPage } from '../../lib/pagination';
import { afterCursor, inAgent, inOrgWhere, type AgentScope } from '../../lib/tenant';
import { visibleToActor } from '../agents/agents.service';
import { forgetCapturedDetails } from '../chat/chat.repo';
import {
  assignmentMail,
  automationColumns,
  loadAutomationMeta,
  planCreation,
  usesRoundRobin,
} from '../automations/assignment';
import { loadPipeline, resolvePipelineName, type Pipeline } from '../crm-settings/pipeline.service';
import { loadFieldDefinitions, toCustomField } from '../custom-fields/custom-fields.service';
import { parseFieldValues } from '../custom-fields/field-values';
import { buildSearchText, toContact, type ContactRow, type CrmMeta } from './contacts.mapper';
import {
  countContactRows,
  findDuplicateRows,
  insertContactWithHistory,
  listContactRows,
} from './contacts.repo';
import { normalizeEmail, normalizePhone } from './normalize';

export type WriteActor = { kind: ActorKind; id: string | null };

const AUTOMATION_ACTOR: WriteActor = { kind: 'automation', id: null };

function actorColumns(actor: WriteActor): { actorKind: ActorKind; actorId: string | null } {
  return { actorKind: actor.kind, actorId: actor.id };
}

/**
 * Everything a machine writer (chat, forms, import) needs to create contacts in an agent.
 * `appUrl` makes the links in assignment mails absolute.
 */
export async function loadCrmMeta(
  db: DbOrTx,
  scope: AgentScope,
  options: { appUrl: string },
): Promise<CrmMeta> {
  const [agent] = await db
    .select({ defaultCountry: agents.defaultCountry })
    .from(agents)
    .where(inOrgWhere(agents, scope, eq(agents.id, scope.agentId)));
  if (!agent) throw notFound('Agent');
  const [fields, pipeline, automation] = await Promise.all([
    loadFieldDefinitions(db, scope),
    loadPipeline(db, scope),
    loadAutomationMeta(db, scope),
  ]);
  return {
    scope,
    defaultCountry: agent.defaultCountry,
    fields,
    pipeline,
    automation,
    appUrl: options.appUrl,
  };
}

/** Values people enter by hand (and integrations that say so) are never overwritten by machines. */
const AUTHORITATIVE: ReadonlySet<ActorKind> = new Set(['member', 'api']);

type Columns = Partial<
  Pick<
    ContactRow,
    | 'name'
    | 'email'
    | 'phone'
    | 'externalId'
    | 'stageId'
    | 'statusId'
    | 'ownerId'
    | 'secondaryOwnerId'
  >
>;

type PreparedWrite = {
  columns: Columns;
  fields: Record<string, FieldValue>;
  sources: Record<string, string>;
};

const BUILT_IN_KEYS = ['name', 'email', 'phone', 'externalId'] as const;

function emptyToNull(value: string | null | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  return value === null || value.trim() === '' ? null : value.trim();
}

/**
 * Validates and normalizes one write against the agent's definitions. With an existing contact,
 * machine writers skip values a person set. Throws one 400 listing every bad field.
 */
async function prepareWrite(
  db: DbOrTx,
  meta: CrmMeta,
  input: ContactWrite,
  actor: WriteActor,
  existing: ContactRow | null,
  fillEmptyOnly = false,
): Promise<PreparedWrite> {
  const details: ErrorDetail[] = [];
  const columns: Columns = {};
  const sources: Record<string, string> = {};
  const isHuman = AUTHORITATIVE.has(actor.kind);
  const protectedKey = (key: string, current: unknown) =>
    existing !== null &&
    current !== null &&
    current !== undefined &&
    (fillEmptyOnly ||
      (!isHuman &&
        existing.fieldSources[key] !== undefined &&
        AUTHORITATIVE.has(existing.fieldSources[key] as ActorKind)));

  const raw = {
    name: emptyToNull(input.name),
    email: emptyToNull(input.email),
    phone: emptyToNull(input.phone),
    externalId: emptyToNull(input.externalId),
  };
  for (const key of BUILT_IN_KEYS) {
    const value = raw[key];
    if (value === undefined || protectedKey(key, existing?.[key])) continue;
    if (value === null) {
      columns[key] = null;
    } else if (key === 'email') {
      const email = normalizeEmail(value);
      if (email === null) details.push({ path: 'email', message: 'Enter a valid email address' });
      else columns.email = email;
    } else if (key === 'phone') {
      const phone = normalizePhone(value, meta.defaultCountry);
      if (phone === null) {
        details.push({
          path: 'phone',
          message: `Enter a valid phone number (national numbers are read as ${meta.defaultCountry})`,
        });
      } else columns.phone = phone;
    } else {
      columns[key] = value;
    }
    sources[key] = actor.kind;
  }

  if (input.stage !== undefined) {
    try {
      columns.stageId = resolvePipelineName(meta.pipeline.stages, input.stage, 'stage').id;
    } catch (error) {
      if (error instanceof AppError && error.details) details.push(...error.details);
      else throw error;
    }
  }
  if (input.status !== undefined) {
    try {
      columns.statusId = resolvePipelineName(meta.pipeline.statuses, input.status, 'status').id;
    } catch (error) {
      if (error instanceof AppError && error.details) details.push(...error.details);
      else throw error;
    }
  }

  const ownerIds = [input.ownerId, input.secondaryOwnerId].filter(
    (id): id is string => typeof id === 'string',
  );
  if (ownerIds.length > 0) {
    const found = await db
      .select({ userId: members.userId })
      .from(members)
      .where(inOrgWhere(members, meta.scope, inArray(members.userId, ownerIds)));
    const known = new Set(found.map((row) => row.userId));
    for (const key of ['ownerId', 'secondaryOwnerId'] as const) {
      const id = input[key];
      if (typeof id === 'string' && !known.has(id))
        details.push({ path: key, message: 'Not a member of this organization' });
    }
  }
  if (input.ownerId !== undefined) columns.ownerId = input.ownerId;
  if (input.secondaryOwnerId !== undefined) columns.secondaryOwnerId = input.secondaryOwnerId;
  const primary = columns.ownerId !== undefined ? columns.ownerId : existing?.ownerId;
  const secondary =
    columns.secondaryOwnerId !== undefined ? columns.secondaryOwnerId : existing?.secondaryOwnerId;
  if (primary && secondary && primary === secondary) {
    details.push({
      path: 'secondaryOwnerId',
      message: 'The secondary owner must be another person',
    });
  }

  let fields: Record<string, FieldValue> = {};
  if (input.fields !== undefined) {
    const writable = Object.fromEntries(
      Object.entries(input.fields).filter(([key]) => !protectedKey(key, existing?.fields[key])),
    );
    const parsed = parseFieldValues(meta.fields, writable, {
      defaultCountry: meta.defaultCountry,
      requireAll: existing === null && actor.kind === 'member',
      existing: existing?.fields,
    });
    if (parsed.ok) {
      fields = parsed.values;
      for (const key of Object.keys(fields)) sources[key] = actor.kind;
    } else details.push(...parsed.details);
  } else if (existing === null && actor.kind === 'member') {
    const parsed = parseFieldValues(
      meta.fields,
      {},
      { defaultCountry: meta.defaultCountry, requireAll: true },
    );
    if (!parsed.ok) details.push(...parsed.details);
  }

  const email = columns.email !== undefined ? columns.email : existing?.email;
  const phone = columns.phone !== undefined ? columns.phone : existing?.phone;
  if (!email && !phone && !details.some((d) => d.path === 'email' || d.path === 'phone')) {
    const message = 'Give an email address or a phone number';
    details.push({ path: 'email', message }, { path: 'phone', message });
  }
  if (details.length > 0) {
    throw new AppError(
      'validation_failed',
      `Check these fields: ${[...new Set(details.map((d) => d.path))].join(', ')}`,
      { details },
    );
  }
  return { columns, fields, sources };
}

const IDENTITY_INDEXES: Record<string, 'email' | 'phone' | 'externalId'> = {
  contacts_agent_email_idx: 'email',
  contacts_agent_phone_idx: 'phone',
  contacts_agent_external_id_idx: 'externalId',
};

function uniqueViolation(error: unknown): 'email' | 'phone' | 'externalId' | null {
  const found = pgError(error);
  if (found?.code !== UNIQUE_VIOLATION || !found.constraint) return null;
  return IDENTITY_INDEXES[found.constraint] ?? null;
}

const IDENTITY_LABEL = {
  email: 'email',
  phone: 'phone number',
  externalId: 'external ID',
} as const;

/** The active contact holding one of these identities, if any. */
async function findByIdentity(
  db: DbOrTx,
  scope: AgentScope,
  identity: {
    email?: string | null | undefined;
    phone?: string | null | undefined;
    externalId?: string | null | undefined;
  },
  excludeId?: string,
): Promise<{ row: ContactRow; field: 'email' | 'phone' | 'externalId' } | null> {
  for (const field of ['email', 'phone', 'externalId'] as const) {
    const value = identity[field];
    if (!value) continue;
    const [row] = await db
      .select()
      .from(contacts)
      .where(
        inAgent(
          contacts,
          scope,
          isNull(contacts.archivedAt),
          eq(contacts[field], value),
          excludeId ? sql`${contacts.id} <> ${excludeId}` : undefined,
        ),
      )
      .limit(1);
    if (row) return { row, field };
  }
  return null;
}

function duplicateError(field: 'email' | 'phone' | 'externalId', contactId: string): AppError {
  const message = `A contact with this ${IDENTITY_LABEL[field]} already exists`;
  return new AppError('duplicate_contact', message, {
    details: [{ path: field, message, contactId }],
  });
}

export async function recordActivities(
  tx: Tx,
  scope: AgentScope,
  contactId: string,
  actor: WriteActor,
  entries: {
    kind: string;
    field?: string;
    from?: unknown;
    to?: unknown;
    /** When a step was taken by someone else than `actor` (an automation, say). */
    actor?: WriteActor;
  }[],
): Promise<void> {
  if (entries.length === 0) return;
  await tx.insert(contactActivities).values(
    entries.map((entry) => ({
      ...scope,
      contactId,
      kind: entry.kind,
      field: entry.field ?? null,
      from: entry.from ?? null,
      to: entry.to ?? null,
      actorKind: (entry.actor ?? actor).kind,
      actorId: (entry.actor ?? actor).id,
    })),
  );
}

export type CreateOptions = {
  source: ContactSource;
  actor: WriteActor;
  /**
   * `update` turns a conflict on an identity into an update of the existing contact;
   * `fill_empty` does too, but only fills the values the existing contact does not have.
   */
  onDuplicate?: 'error' | 'update' | 'fill_empty';
};

/**
 * The one way a contact comes into existence, whatever the source. The partial unique indexes
 * decide races: of N concurrent creates of one identity, one inserts and the rest get a clean 409
 * (or update the winner, for upserts).
 */
export async function createContactInAgent(
  db: DbOrTx,
  meta: CrmMeta,
  input: ContactWrite,
  options: CreateOptions,
): Promise<{ contact: Contact; created: boolean }> {
  const prepared = await prepareWrite(db, meta, input, options.actor, null);
  const automation = meta.automation ?? (await loadAutomationMeta(db, meta.scope));
  const creatorId = options.actor.kind === 'member' ? options.actor.id : null;
  const values = {
    ...meta.scope,
    name: prepared.columns.name ?? null,
    email: prepared.columns.email ?? null,
    phone: prepared.columns.phone ?? null,
    externalId: prepared.columns.externalId ?? null,
    source: options.source,
    fields: Object.fromEntries(Object.entries(prepared.fields).filter(([, v]) => v !== null)),
    fieldSources: prepared.sources,
    createdBy: creatorId,
  };
  const searchText = buildSearchText(values, meta.fields);
  const id = newId();
  /** Runs the "contact created" automations, then inserts with history and mail in one statement. */
  const insert = async (runner: DbOrTx) => {
    const plan = await planCreation(runner, {
      scope: meta.scope,
      pipeline: meta.pipeline,
      automation,
      source: options.source,
      creatorId,
      given: {
        ownerId: prepared.columns.ownerId,
        secondaryOwnerId: prepared.columns.secondaryOwnerId,
        stageId: prepared.columns.stageId,
        statusId: prepared.columns.statusId,
      },
    });
    const history = [
      {
        kind: 'created',
        field: null,
        from: null,
        to: { source: options.source },
        ...actorColumns(options.actor),
      },
      ...plan.steps.map((step) => ({ ...step, from: null, ...actorColumns(AUTOMATION_ACTOR) })),
    ];
    const mail = assignmentMail({
      scope: meta.scope,
      contactId: id,
      contactLabel: values.name ?? values.email ?? values.phone ?? 'A new contact',
      assignees: plan.steps
        .filter((step) => step.kind === 'owner_assigned')
        .map((step) => String(step.to)),
      creatorId,
      appUrl: meta.appUrl ?? null,
    });
    return insertContactWithHistory(
      runner,
      {
        ...values,
        id,
        ownerId: plan.ownerId ?? null,
        secondaryOwnerId: plan.secondaryOwnerId ?? null,
        stageId: plan.stageId,
        statusId: plan.statusId,
        searchText,
      },
      history,
      mail,
    );
  };
  try {
    // A round-robin turn must be given back when the insert fails, so it shares a transaction;
    // otherwise the single statement is atomic on its own.
    const row = usesRoundRobin(automation, options.source)
      ? await db.transaction((tx) => insert(tx))
      : await insert(db);
    return { contact: toContact(row, meta.pipeline, meta.fields), created: true };
  } catch (error) {
    const field = uniqueViolation(error);
    if (!field) throw error;
    const existing = await findByIdentity(db, meta.scope, values);
    if (!existing) throw error;
    if (options.onDuplicate === 'update' || options.onDuplicate === 'fill_empty') {
      const contact = await updateContactRow(db, meta, existing.row, input, options.actor, {
        fillEmptyOnly: options.onDuplicate === 'fill_empty',
      });
      return { contact, created: false };
    }
    throw duplicateError(existing.field, existing.row.id);
  }
}

/**
 * A machine writer (chat capture, a form) adding to a contact it already knows by id. The same
 * provenance rules apply: values a person set are never overwritten.
 */
export async function updateContactInAgent(
  db: DbOrTx,
  meta: CrmMeta,
  contactId: string,
  input: ContactWrite,
  actor: WriteActor,
  options: { fillEmptyOnly?: boolean } = {},
): Promise<Contact> {
  const existing = await requireContactRow(db, meta.scope, contactId);
  return updateContactRow(db, meta, existing, input, actor, options);
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

const COLUMN_ACTIVITY: Record<keyof Columns, { kind: string; field: string }> = {
  name: { kind: 'field_changed', field: 'name' },
  email: { kind: 'field_changed', field: 'email' },
  phone: { kind: 'field_changed', field: 'phone' },
  externalId: { kind: 'field_changed', field: 'externalId' },
  stageId: { kind: 'stage_changed', field: 'stage' },
  statusId: { kind: 'status_changed', field: 'status' },
  ownerId: { kind: 'owner_changed', field: 'ownerId' },
  secondaryOwnerId: { kind: 'owner_changed', field: 'secondaryOwnerId' },
};

/** Applies a partial update, writing one Activity row per changed value (old → new). */
async function updateContactRow(
  db: DbOrTx,
  meta: CrmMeta,
  existing: ContactRow,
  input: ContactWrite,
  actor: WriteActor,
  options: { fillEmptyOnly?: boolean } = {},
): Promise<Contact> {
  const prepared = await prepareWrite(db, meta, input, actor, existing, options.fillEmptyOnly);
  const nameOf = (items: Pipeline['stages'], id: unknown) =>
    items.find((i) => i.id === id)?.name ?? null;
  const changes: { kind: string; field?: string; from?: unknown; to?: unknown }[] = [];
  const set: Partial<ContactRow> = {};
  for (const [key, value] of Object.entries(prepared.columns) as [keyof Columns, string | null][]) {
    const before = existing[key];
    if (sameValue(before, value)) continue;
    Object.assign(set, { [key]: value });
    const { kind, field } = COLUMN_ACTIVITY[key];
    const show = (v: unknown) =>
      key === 'stageId'
        ? nameOf(meta.pipeline.stages, v)
        : key === 'statusId'
          ? nameOf(meta.pipeline.statuses, v)
          : v;
    changes.push({ kind, field, from: show(before), to: show(value) });
  }
  const merged: Record<string, unknown> = { ...existing.fields };
  for (const [key, value] of Object.entries(prepared.fields)) {
    if (sameValue(merged[key], value)) continue;
    changes.push({ kind: 'field_changed', field: key, from: merged[key] ?? null, to: value });
    merged[key] = value;
  }
  // A cleared value leaves the document rather than being stored as null.
  const fields = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== null));
  if (changes.length === 0) return toContact(existing, meta.pipeline, meta.fields);
  const after = { ...existing, ...set, fields };
  const changedSources = Object.fromEntries(
    Object.entries(prepared.sources).filter(([key]) => changes.some((c) => c.field === key)),
  );
  try {
    const row = await db.transaction(async (tx) => {
      const [updated] = await tx
        .update(contacts)
        .set({
          ...set,
          fields,
          fieldSources: { ...existing.fieldSources, ...changedSources },
          searchText: buildSearchText(after, meta.fields),
        })
        .where(inAgent(contacts, meta.scope, eq(contacts.id, existing.id)))
        .returning();
      if (!updated) throw notFound('Contact');
      await recordActivities(tx, meta.scope, existing.id, actor, changes);
      return updated;
    });
    return toContact(row, meta.pipeline, meta.fields);
  } catch (error) {
    const field = uniqueViolation(error);
    if (!field) throw error;
    const holder = await findByIdentity(db, meta.scope, after, existing.id);
    throw duplicateError(holder?.field ?? field, holder?.row.id ?? existing.id);
  }
}

// Member-facing operations -----------------------------------------------------------------------

function scopeOf(ctx: MemberContext, agentId: string): AgentScope {
  return { organizationId: ctx.organizationId, agentId };
}

function memberActor(ctx: MemberContext): WriteActor {
  return { kind: 'member', id: ctx.actor.userId };
}

export async function requireContactRow(
  db: DbOrTx,
  scope: AgentScope,
  contactId: string,
): Promise<ContactRow> {
  const [row] = await db
    .select()
    .from(contacts)
    .where(inAgent(contacts, scope, eq(contacts.id, contactId)));
  if (!row) throw notFound('Contact');
  return row;
}

/**
 * The agent (checking this member may work in it) and its CRM definitions in one statement: every
 * contact request needs them, so they cost one round trip. `withAutomation` adds the "contact
 * created" rules, for requests that create contacts.
 */
export async function memberCrm(
  ctx: MemberContext,
  agentId: string,
  options: { withAutomation?: boolean } = {},
): Promise<CrmMeta> {
  const scope = scopeOf(ctx, agentId);
  const rowsOf = (table: typeof customFields | typeof pipelineItems, order: SQL) => sql<
    Record<string, unknown>[]
  >`(SELECT coalesce(json_agg(to_jsonb(t) ORDER BY ${order}), '[]'::json)
     FROM ${table} t WHERE t.agent_id = ${scope.agentId} AND t.organization_id = ${scope.organizationId})`;
  const [row] = await ctx.db
    .select({
      defaultCountry: agents.defaultCountry,
      fields: rowsOf(customFields, sql`t.position, t.created_at`),
      pipeline: rowsOf(pipelineItems, sql`t.position, t.created_at`),
      ...(options.withAutomation ? automationColumns(scope) : {}),
    })
    .from(agents)
    .where(inOrgWhere(agents, ctx, eq(agents.id, agentId), visibleToActor(ctx)));
  if (!row) throw notFound('Agent');
  const items = row.pipeline.map((raw) => rowFromDriver(pipelineItems, raw));
  return {
    scope,
    defaultCountry: row.defaultCountry,
    fields: row.fields.map((raw) => toCustomField(rowFromDriver(customFields, raw))),
    pipeline: {
      stages: items.filter((item) => item.kind === 'stage'),
      statuses: items.filter((item) => item.kind === 'status'),
    },
    ...('settings' in row
      ? { automation: { settings: row.settings ?? null, orgOwnerId: row.orgOwnerId ?? null } }
      : {}),
    appUrl: ctx.config.appUrl,
  };
}

/** Adding, editing, archiving and deleting contacts is for Owners and Admins. */
export function requireManager(ctx: MemberContext, what: string): void {
  if (ctx.actor.role === 'user') throw forbidden(`Users cannot ${what}`);
}

export async function createContact(
  ctx: MemberContext,
  agentId: string,
  input: ContactWrite,
  options: { onDuplicate?: 'error' | 'update' } = {},
) {
  requireManager(ctx, 'add contacts');
  const meta = await memberCrm(ctx, agentId, { withAutomation: true });
  return createContactInAgent(ctx.db, meta, input, {
    source: 'manual',
    actor: memberActor(ctx),
    ...options,
  });
}

export async function getContact(
  ctx: MemberContext,
  agentId: string,
  contactId: string,
): Promise<Contact> {
  const meta = await memberCrm(ctx, agentId);
  return toContact(
    await requireContactRow(ctx.db, meta.scope, contactId),
    meta.pipeline,
    meta.fields,
  );
}

/**
 * Owners and Admins change anything; a User changes only the stage and status of contacts
 * assigned to them.
 */
export async function updateContact(
  ctx: MemberContext,
  agentId: string,
  contactId: string,
  input: ContactWrite,
): Promise<Contact> {
  const meta = await memberCrm(ctx, agentId);
  const existing = await requireContactRow(ctx.db, meta.scope, contactId);
  if (ctx.actor.role === 'user') {
    const keys = Object.keys(input).filter((key) => input[key as keyof ContactWrite] !== undefined);
    const assigned =
      existing.ownerId === ctx.actor.userId || existing.secondaryOwnerId === ctx.actor.userId;
    if (!assigned || keys.some((key) => key !== 'stage' && key !== 'status')) {
      throw forbidden(
        'Users can change the stage and status of contacts assigned to them, nothing else',
      );
    }
  }
  return updateContactRow(ctx.db, meta, existing, input, memberActor(ctx));
}

export async function archiveContact(
  ctx: MemberContext,
  agentId: string,
  contactId: string,
): Promise<Contact> {
  requireManager(ctx, 'archive contacts');
  const meta = await memberCrm(ctx, agentId);
  const existing = await requireContactRow(ctx.db, meta.scope, contactId);
  if (existing.archivedAt) return toContact(existing, meta.pipeline, meta.fields);
  const row = await ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(contacts)
      .set({ archivedAt: new Date() })
      .where(inAgent(contacts, meta.scope, eq(contacts.id, contactId)))
      .returning();
    await recordActivities(tx, meta.scope, contactId, memberActor(ctx), [{ kind: 'archived' }]);
    return updated;
  });
  if (!row) throw notFound('Contact');
  return toContact(row, meta.pipeline, meta.fields);
}

/** Restoring fails with 409 when an active contact has taken its email, phone or external ID. */
export async function restoreContact(
  ctx: MemberContext,
  agentId: string,
  contactId: string,
): Promise<Contact> {
  requireManager(ctx, 'restore contacts');
  const meta = await memberCrm(ctx, agentId);
  const existing = await requireContactRow(ctx.db, meta.scope, contactId);
  if (!existing.archivedAt) return toContact(existing, meta.pipeline, meta.fields);
  try {
    const row = await ctx.db.transaction(async (tx) => {
      const [updated] = await tx
        .update(contacts)
        .set({ archivedAt: null })
        .where(inAgent(contacts, meta.scope, eq(contacts.id, contactId)))
        .returning();
      await recordActivities(tx, meta.scope, contactId, memberActor(ctx), [{ kind: 'restored' }]);
      return updated;
    });
    if (!row) throw notFound('Contact');
    return toContact(row, meta.pipeline, meta.fields);
  } catch (error) {
    const field = uniqueViolation(error);
    if (!field) throw error;
    const holder = await findByIdentity(ctx.db, meta.scope, existing, existing.id);
    throw duplicateError(holder?.field ?? field, holder?.row.id ?? existing.id);
  }
}

/** Permanent erasure for data-protection requests: notes, files and history go with it. */
export async function eraseContact(
  ctx: MemberContext,
  agentId: string,
  contactId: string,
): Promise<void> {
  requireManager(ctx, 'delete contacts');
  const meta = await memberCrm(ctx, agentId);
  await requireContactRow(ctx.db, meta.scope, contactId);
  const storageKeys = await ctx.db.transaction(async (tx) => {
    const files = await tx
      .select({ storageKey: contactFiles.storageKey })
      .from(contactFiles)
      .where(and(inAgent(contactFiles, meta.scope), eq(contactFiles.contactId, contactId)));
    // Their form answers and the details their chats captured are personal data too.
    await tx
      .delete(formSubmissions)
      .where(and(inAgent(formSubmissions, meta.scope), eq(formSubmissions.contactId, contactId)));
    await forgetCapturedDetails(tx, meta.scope, contactId);
    await tx.delete(contacts).where(inAgent(contacts, meta.scope, eq(contacts.id, contactId)));
    return files.map((file) => file.storageKey);
  });
  // Rows first, bytes after commit: a crash in between leaves an orphan file, never a dangling row.
  await Promise.all(storageKeys.map((key) => ctx.storage.delete(key)));
}

export async function listContacts(ctx: MemberContext, agentId: string, query: ContactListQuery) {
  const meta = await memberCrm(ctx, agentId);
  const { rows, nextCursor } = await listContactRows(ctx.searchDb, meta, query);
  return { data: rows.map((row) => toContact(row, meta.pipeline, meta.fields)), nextCursor };
}

export async function countContacts(ctx: MemberContext, agentId: string, filter: ContactFilter) {
  const meta = await memberCrm(ctx, agentId);
  return { count: await countContactRows(ctx.searchDb, meta, filter) };
}

/** Possible duplicates of what someone is typing, with the reason for each. */
export async function findDuplicates(
  ctx: MemberContext,
  agentId: string,
  probe: {
    name?: string | undefined;
    email?: string | undefined;
    phone?: string | undefined;
    excludeId?: string | undefined;
  },
) {
  const meta = await memberCrm(ctx, agentId);
  const rows = await findDuplicateRows(ctx.db, meta, {
    name: probe.name ?? null,
    email: probe.email ? normalizeEmail(probe.email) : null,
    phone: probe.phone ? normalizePhone(probe.phone, meta.defaultCountry) : null,
    ...(probe.excludeId ? { excludeId: probe.excludeId } : {}),
  });
  return {
    data: rows.map(({ row, reasons }) => ({
      contact: toContact(row, meta.pipeline, meta.fields),
      reasons,
    })),
  };
}

export async function listActivity(
  ctx: MemberContext,
  agentId: string,
  contactId: string,
  query: { limit: number; cursor?: string | undefined },
): Promise<{ data: Activity[]; nextCursor: string | null }> {
  const meta = await memberCrm(ctx, agentId);
  await requireContactRow(ctx.db, meta.scope, contactId);
  const rows = await ctx.db
    .select()
    .from(contactActivities)
    .where(
      inAgent(
        contactActivities,
        meta.scope,
        eq(contactActivities.contactId, contactId),
        afterCursor(contactActivities, decodeCursor(query.cursor), 'desc'),
      ),
    )
    .orderBy(desc(contactActivities.createdAt), desc(contactActivities.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (row) => ({
    id: row.id,
    kind: row.kind,
    ...(row.field !== null ? { field: row.field } : {}),
    ...(row.from !== null ? { from: row.from } : {}),
    ...(row.to !== null ? { to: row.to } : {}),
    actor: { kind: row.actorKind, ...(row.actorId ? { id: row.actorId } : {}) },
    createdAt: row.createdAt.toISOString(),
  }));
}
