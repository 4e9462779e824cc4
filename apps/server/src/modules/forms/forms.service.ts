import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type {
  ContactSubmission,
  Form,
  FormField,
  FormFileAnswer,
  FormListItem,
  FormPatch,
  FormSubmission,
  FormWrite,
  PageQuery,
} from '@agent-crm/contracts';
import { FormPatchSchema, FormWriteSchema, isInputField } from '@agent-crm/contracts';
import { and, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import Papa from 'papaparse';
import type { DbOrTx } from '../../db/client';
import { forms, formSubmissions } from '../../db/schema';
import type { MemberContext } from '../../lib/context';
import { notFound } from '../../lib/errors';
import { decodeCursor, toPage } from '../../lib/pagination';
import { pgError, UNIQUE_VIOLATION } from '../../lib/pg-errors';
import { afterCursor, inAgent, type AgentScope } from '../../lib/tenant';
import { memberCrm, requireContactRow, requireManager } from '../contacts/contacts.service';
import { prepareFormFields } from './form-fields';

export type FormRow = typeof forms.$inferSelect;
type SubmissionRow = typeof formSubmissions.$inferSelect;

export function toForm(row: FormRow): Form {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    submitLabel: row.submitLabel,
    successMessage: row.successMessage,
    published: row.published,
    fields: row.fields,
    submissionCount: row.submissionCount,
    lastSubmissionAt: row.lastSubmissionAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toSubmission(row: SubmissionRow): FormSubmission {
  return {
    id: row.id,
    formId: row.formId,
    contactId: row.contactId,
    answers: row.answers,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A readable start from the title plus 8 random characters: public, but not guessable. */
export function newSlug(title: string): string {
  const base = title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  const suffix = Array.from(
    randomBytes(8),
    (byte) => 'abcdefghijkmnpqrstuvwxyz23456789'[byte % 32],
  ).join('');
  return base ? `${base}-${suffix}` : suffix;
}

async function requireFormRow(db: DbOrTx, scope: AgentScope, formId: string): Promise<FormRow> {
  const [row] = await db
    .select()
    .from(forms)
    .where(inAgent(forms, scope, eq(forms.id, formId)));
  if (!row) throw notFound('Form');
  return row;
}

/** Inserts with a fresh slug; a (vanishingly rare) slug collision just draws another. */
async function insertForm(
  db: DbOrTx,
  values: Omit<typeof forms.$inferInsert, 'slug'>,
): Promise<FormRow> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const [row] = await db
        .insert(forms)
        .values({ ...values, slug: newSlug(values.title) })
        .returning();
      if (!row) throw new Error('form insert returned nothing');
      return row;
    } catch (error) {
      if (attempt >= 3 || pgError(error)?.code !== UNIQUE_VIOLATION) throw error;
    }
  }
}

export async function createForm(
  ctx: MemberContext,
  agentId: string,
  input: FormWrite,
): Promise<Form> {
  requireManager(ctx, 'build forms');
  const meta = await memberCrm(ctx, agentId);
  const parsed = FormWriteSchema.parse(input);
  const fields = prepareFormFields(parsed.fields, meta.fields);
  const row = await insertForm(ctx.db, { ...meta.scope, ...parsed, fields });
  return toForm(row);
}

export async function listForms(
  ctx: MemberContext,
  agentId: string,
  query: PageQuery,
): Promise<{ data: FormListItem[]; nextCursor: string | null }> {
  const meta = await memberCrm(ctx, agentId);
  const rows = await ctx.db
    .select()
    .from(forms)
    .where(inAgent(forms, meta.scope, afterCursor(forms, decodeCursor(query.cursor), 'desc')))
    .orderBy(desc(forms.createdAt), desc(forms.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (row) => {
    const { fields, ...form } = toForm(row);
    return { ...form, fieldCount: fields.filter((f) => isInputField(f.type)).length };
  });
}

export async function getForm(ctx: MemberContext, agentId: string, formId: string): Promise<Form> {
  const meta = await memberCrm(ctx, agentId);
  return toForm(await requireFormRow(ctx.db, meta.scope, formId));
}

export async function updateForm(
  ctx: MemberContext,
  agentId: string,
  formId: string,
  input: FormPatch,
): Promise<Form> {
  requireManager(ctx, 'edit forms');
  const meta = await memberCrm(ctx, agentId);
  await requireFormRow(ctx.db, meta.scope, formId);
  const { fields, ...rest } = FormPatchSchema.parse(input);
  const [row] = await ctx.db
    .update(forms)
    .set({
      ...rest,
      ...(fields ? { fields: prepareFormFields(fields, meta.fields) } : {}),
      updatedAt: new Date(),
    })
    .where(inAgent(forms, meta.scope, eq(forms.id, formId)))
    .returning();
  if (!row) throw notFound('Form');
  return toForm(row);
}

export async function deleteForm(ctx: MemberContext, agentId: string, formId: string) {
  requireManager(ctx, 'delete forms');
  const meta = await memberCrm(ctx, agentId);
  const deleted = await ctx.db
    .delete(forms)
    .where(inAgent(forms, meta.scope, eq(forms.id, formId)))
    .returning({ id: forms.id });
  if (deleted.length === 0) throw notFound('Form');
}

/** A copy with the same fields (same ids, so a copy's answers line up), unpublished. */
export async function duplicateForm(
  ctx: MemberContext,
  agentId: string,
  formId: string,
): Promise<Form> {
  requireManager(ctx, 'duplicate forms');
  const meta = await memberCrm(ctx, agentId);
  const source = await requireFormRow(ctx.db, meta.scope, formId);
  const row = await insertForm(ctx.db, {
    ...meta.scope,
    title: `${source.title} (copy)`.slice(0, 200),
    description: source.description,
    submitLabel: source.submitLabel,
    successMessage: source.successMessage,
    fields: source.fields,
    published: false,
  });
  return toForm(row);
}

function searchCondition(q: string | undefined) {
  if (!q) return undefined;
  const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`${formSubmissions.searchText} LIKE ${pattern}`;
}

export async function listSubmissions(
  ctx: MemberContext,
  agentId: string,
  formId: string,
  query: PageQuery & { q?: string | undefined },
): Promise<{ data: FormSubmission[]; nextCursor: string | null }> {
  const meta = await memberCrm(ctx, agentId);
  await requireFormRow(ctx.db, meta.scope, formId);
  const rows = await ctx.searchDb
    .select()
    .from(formSubmissions)
    .where(
      inAgent(
        formSubmissions,
        meta.scope,
        eq(formSubmissions.formId, formId),
        searchCondition(query.q),
        afterCursor(formSubmissions, decodeCursor(query.cursor), 'desc'),
      ),
    )
    .orderBy(desc(formSubmissions.createdAt), desc(formSubmissions.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, toSubmission);
}

function isFileAnswer(value: unknown): value is FormFileAnswer {
  return typeof value === 'object' && value !== null && 'fileId' in value && 'fileName' in value;
}

/** One spreadsheet cell from an answer: lists joined, files by name. */
function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) {
    return value.map((item) => (isFileAnswer(item) ? item.fileName : String(item))).join('; ');
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

const EXPORT_BATCH = 500;

/**
 * The form's submissions as CSV, read in keyset batches and streamed. Cells a spreadsheet would
 * run as a formula (= + - @ tab CR) are neutralized by papaparse's `escapeFormulae`.
 */
export async function exportSubmissions(
  ctx: MemberContext,
  agentId: string,
  formId: string,
  q: string | undefined,
): Promise<{ fileName: string; stream: Readable }> {
  const meta = await memberCrm(ctx, agentId);
  const form = await requireFormRow(ctx.db, meta.scope, formId);
  const inputs: FormField[] = form.fields.filter((field) => isInputField(field.type));
  const header = ['Submitted at', 'Contact ID', ...inputs.map((field) => field.label)];
  const unparse = (rows: string[][]) =>
    Papa.unparse(rows, { escapeFormulae: true, newline: '\r\n' }) + '\r\n';
  async function* lines() {
    yield '\ufeff' + unparse([header]);
    let cursor: { createdAt: Date; id: string } | undefined;
    for (;;) {
      const rows = await ctx.db
        .select()
        .from(formSubmissions)
        .where(
          inAgent(
            formSubmissions,
            meta.scope,
            eq(formSubmissions.formId, formId),
            searchCondition(q),
            afterCursor(formSubmissions, cursor, 'desc'),
          ),
        )
        .orderBy(desc(formSubmissions.createdAt), desc(formSubmissions.id))
        .limit(EXPORT_BATCH);
      if (rows.length === 0) return;
      yield unparse(
        rows.map((row) => [
          row.createdAt.toISOString(),
          row.contactId ?? '',
          ...inputs.map((field) => cell(row.answers[field.id])),
        ]),
      );
      const last = rows.at(-1);
      if (!last || rows.length < EXPORT_BATCH) return;
      cursor = { createdAt: last.createdAt, id: last.id };
    }
  }
  const safeTitle = form.title.replace(/[^a-zA-Z0-9 _-]/g, '').trim() || 'form';
  return { fileName: `${safeTitle} submissions.csv`, stream: Readable.from(lines()) };
}

/** Every submission of one contact, newest first, with the form's title and questions. */
export async function listContactSubmissions(
  ctx: MemberContext,
  agentId: string,
  contactId: string,
): Promise<{ data: ContactSubmission[]; nextCursor: null }> {
  const meta = await memberCrm(ctx, agentId);
  await requireContactRow(ctx.db, meta.scope, contactId);
  const rows = await ctx.db
    .select({
      ...getTableColumns(formSubmissions),
      formTitle: forms.title,
      formFields: forms.fields,
    })
    .from(formSubmissions)
    .innerJoin(forms, and(eq(forms.id, formSubmissions.formId), inAgent(forms, meta.scope)))
    .where(inAgent(formSubmissions, meta.scope, eq(formSubmissions.contactId, contactId)))
    .orderBy(desc(formSubmissions.createdAt), desc(formSubmissions.id))
    .limit(500);
  return {
    data: rows.map((row) => ({
      ...toSubmission(row),
      formTitle: row.formTitle,
      fields: row.formFields
        .filter((field) => isInputField(field.type))
        .map(({ id, type, label }) => ({ id, type, label })),
    })),
    nextCursor: null,
  };
}
