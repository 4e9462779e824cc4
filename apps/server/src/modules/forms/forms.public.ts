import {
  FORM_HONEYPOT_FIELD,
  type Contact,
  FormSubmissionCreateSchema,
  type FormFileAnswer,
  type PublicForm,
} from '@agent-crm/contracts';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client';
import type { CrmMeta } from '../contacts/contacts.mapper';
import { agents, contactActivities, contactFiles, forms, formSubmissions } from '../../db/schema';
import type { Deps } from '../../lib/context';
import { AppError, invalidField, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { resolveAuthSecret } from '../../lib/secrets';
import { inOrgWhere } from '../../lib/tenant';
import {
  createContactInAgent,
  loadCrmMeta,
  recordActivities,
  type WriteActor,
} from '../contacts/contacts.service';
import { prepareAnswers, submissionSearchText, type ContactInput } from './form-fields';
import type { FormRow } from './forms.service';
import { checkRenderToken, createRenderToken } from './render-token';

/** Form render tokens are not older than this (a visitor may leave a tab open for a while). */
const RENDER_TOKEN_MAX_AGE_MS = 24 * 60 * 60 * 1000;

const secrets = new WeakMap<object, Promise<string>>();

/** The render-token key: the installation's auth secret, read once per process. */
function renderSecret(deps: Deps): Promise<string> {
  let secret = secrets.get(deps.db);
  if (!secret) {
    secret = resolveAuthSecret(deps.db, deps.config.authSecret);
    secrets.set(deps.db, secret);
  }
  return secret;
}

/** The published form at this public address; unknown and unpublished forms are not found. */
export async function findPublishedForm(deps: Deps, slug: string): Promise<FormRow> {
  const [row] = await deps.db
    .select()
    .from(forms)
    .where(and(eq(forms.slug, slug), eq(forms.published, true)));
  if (!row) throw notFound('Form');
  return row;
}

export async function toPublicForm(deps: Deps, row: FormRow): Promise<PublicForm> {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    submitLabel: row.submitLabel,
    successMessage: row.successMessage,
    fields: row.fields.map(({ mapTo: _mapTo, ...field }) => field),
    renderToken: createRenderToken(await renderSecret(deps), row.id),
    honeypotField: FORM_HONEYPOT_FIELD,
  };
}

/** The agent's upload size limit, in bytes. */
export async function formUploadLimit(deps: Deps, form: FormRow): Promise<number> {
  const [row] = await deps.db
    .select({ mb: agents.fileSizeLimitMb })
    .from(agents)
    .where(inOrgWhere(agents, form, eq(agents.id, form.agentId)));
  return (row?.mb ?? 25) * 1024 * 1024;
}

/** A file already streamed to storage, waiting for its submission to be accepted. */
export type StoredUpload = {
  fieldId: string;
  key: string;
  fileName: string;
  size: number;
  contentType: string;
};

/**
 * Spam guards. A filled honeypot is answered like a success, so a bot learns nothing; a missing or
 * forged render token is a 400 a person can act on (reload). Returns the form's age on screen.
 */
async function checkGuards(
  deps: Deps,
  form: FormRow,
  body: { renderToken?: string | undefined; website?: string | undefined },
): Promise<'bot' | { ageMs: number }> {
  if (body.website?.trim()) return 'bot';
  const check = checkRenderToken(await renderSecret(deps), form.id, body.renderToken);
  if (!check.ok) {
    throw invalidField(
      'renderToken',
      'The form could not be verified: reload the page and try again',
    );
  }
  if (check.ageMs > RENDER_TOKEN_MAX_AGE_MS) {
    throw invalidField('renderToken', 'This form was opened too long ago: reload the page');
  }
  return { ageMs: check.ageMs };
}

/** Checked after the answers, so a person who was quick still learns what to fix first. */
function checkFillTime(deps: Deps, ageMs: number): void {
  if (ageMs < deps.config.formMinFillSeconds * 1000) {
    throw invalidField(
      'renderToken',
      'That was faster than a person can fill in this form: wait a moment and send it again',
    );
  }
}

/**
 * Accepts one visitor submission. Every answer is checked before anything is written. Then the
 * contact is found or created through the contacts write path (when an email or phone was
 * mapped), and right after, in one transaction, uploads become its files, the submission is stored
 * and the form's counters move. Returns the submission id (a fresh, unstored one for bots).
 */
export async function submitForm(
  deps: Deps,
  form: FormRow,
  rawBody: unknown,
  uploads: readonly StoredUpload[],
): Promise<{ id: string; stored: boolean }> {
  const parsedBody = FormSubmissionCreateSchema.safeParse(rawBody ?? {});
  if (!parsedBody.success) {
    const issue = parsedBody.error.issues[0];
    throw invalidField(issue?.path.join('.') || 'body', issue?.message ?? 'Invalid submission');
  }
  const body = parsedBody.data;
  const guard = await checkGuards(deps, form, body);
  if (guard === 'bot') return { id: newId(), stored: false };

  const scope = { organizationId: form.organizationId, agentId: form.agentId };
  const meta = await loadCrmMeta(deps.db, scope, { appUrl: deps.config.appUrl });
  const prepared = prepareAnswers(form.fields, body.answers, {
    customFields: meta.fields,
    defaultCountry: meta.defaultCountry,
    fileFieldIds: new Set(uploads.map((upload) => upload.fieldId)),
  });
  checkFillTime(deps, guard.ageMs);
  if (uploads.length > 0 && !prepared.hasIdentity) {
    const fieldId = uploads[0]?.fieldId ?? '';
    throw invalidField(
      `answers.${fieldId}`,
      'Files can be sent only together with an email address or phone number',
    );
  }
  const actor = { kind: 'form' as const, id: form.id };
  const submissionId = newId();
  // The contacts write path owns its statement (and transaction, when it needs one), and a
  // conflict on an identity inside it must not abort an enclosing transaction: so the contact is
  // found or created first, and everything of the submission follows in one transaction.
  const contact = prepared.hasIdentity
    ? await findOrCreateContact(deps, meta, prepared.contact, actor)
    : null;
  const contactId = contact?.id ?? null;
  const record = { form, submissionId, contactId, actor };
  if (uploads.length === 0) {
    await storeSubmission(deps.db, record, prepared.answers);
  } else {
    await deps.db.transaction(async (tx) => {
      // Only reached with a contact: files without one are refused above.
      const answers = await attachUploads(tx, { ...record, contactId: contactId ?? '' }, uploads);
      await storeSubmission(tx, record, { ...prepared.answers, ...answers });
    });
  }
  return { id: submissionId, stored: true };
}

/**
 * Finds or creates the contact. When the email names one contact and the phone another, the
 * first one found keeps the submission and the other value stays on the submission only, rather
 * than refusing a visitor for the CRM's own duplicates.
 */
async function findOrCreateContact(
  deps: Deps,
  meta: CrmMeta,
  input: ContactInput,
  actor: WriteActor,
): Promise<Contact> {
  const options = { source: 'form' as const, actor, onDuplicate: 'fill_empty' as const };
  try {
    return (await createContactInAgent(deps.db, meta, input, options)).contact;
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'duplicate_contact') throw error;
    const conflict = error.details?.[0]?.path;
    if (conflict !== 'email' && conflict !== 'phone') throw error;
    const rest: ContactInput = { ...input, [conflict]: undefined };
    if (!rest.email && !rest.phone) throw error;
    return (await createContactInAgent(deps.db, meta, rest, options)).contact;
  }
}

type SubmissionRecord = {
  form: FormRow;
  submissionId: string;
  contactId: string | null;
  actor: WriteActor;
};

/** The uploads become the contact's files; returns the file answers by field id. */
async function attachUploads(
  tx: Tx,
  record: SubmissionRecord & { contactId: string },
  uploads: readonly StoredUpload[],
): Promise<Record<string, FormFileAnswer[]>> {
  const scope = { organizationId: record.form.organizationId, agentId: record.form.agentId };
  const rows = await tx
    .insert(contactFiles)
    .values(
      uploads.map((upload) => ({
        ...scope,
        contactId: record.contactId,
        uploadedBy: null,
        fileName: upload.fileName,
        contentType: upload.contentType,
        sizeBytes: upload.size,
        storageKey: upload.key,
      })),
    )
    .returning();
  await recordActivities(
    tx,
    scope,
    record.contactId,
    record.actor,
    rows.map((row) => ({ kind: 'file_added', to: { fileId: row.id, fileName: row.fileName } })),
  );
  const byField: Record<string, FormFileAnswer[]> = {};
  rows.forEach((row, index) => {
    const fieldId = uploads[index]?.fieldId ?? '';
    byField[fieldId] = [
      ...(byField[fieldId] ?? []),
      { fileId: row.id, fileName: row.fileName, size: row.sizeBytes, contentType: row.contentType },
    ];
  });
  return byField;
}

/**
 * The submission, the contact's "form submitted" activity and the form's counters, in one
 * statement (data-modifying CTEs): atomic without a transaction, one round trip on the hot path.
 */
async function storeSubmission(
  db: DbOrTx,
  record: SubmissionRecord,
  answers: Record<string, unknown>,
): Promise<void> {
  const { form, submissionId, contactId, actor } = record;
  const scope = { organizationId: form.organizationId, agentId: form.agentId };
  const submission = db.$with('stored_submission').as(
    db
      .insert(formSubmissions)
      .values({
        id: submissionId,
        ...scope,
        formId: form.id,
        contactId,
        answers,
        searchText: submissionSearchText(answers),
      })
      .returning({ id: formSubmissions.id }),
  );
  const activity = contactId
    ? db.$with('submission_activity').as(
        db
          .insert(contactActivities)
          .values({
            ...scope,
            contactId,
            kind: 'form_submitted',
            to: { formId: form.id, formTitle: form.title, submissionId },
            actorKind: actor.kind,
            actorId: actor.id,
          })
          .returning({ id: contactActivities.id }),
      )
    : null;
  await db
    .with(...(activity ? [submission, activity] : [submission]))
    .update(forms)
    .set({ submissionCount: sql`${forms.submissionCount} + 1`, lastSubmissionAt: sql`now()` })
    .where(and(eq(forms.id, form.id), eq(forms.organizationId, form.organizationId)));
}

export function badUpload(
  fieldId: string,
  message: string,
  code: 'unsupported_media_type' | 'payload_too_large' | 'validation_failed',
): AppError {
  return new AppError(code, message, { details: [{ path: `answers.${fieldId}`, message }] });
}
