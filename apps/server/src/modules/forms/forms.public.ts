import {
  FORM_HONEYPOT_FIELD,
  FormSubmissionCreateSchema,
  type FormFileAnswer,
  type PublicForm,
} from '@agent-crm/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { agents, contactFiles, forms, formSubmissions } from '../../db/schema';
import type { Deps } from '../../lib/context';
import { AppError, invalidField, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { resolveAuthSecret } from '../../lib/secrets';
import { inOrgWhere } from '../../lib/tenant';
import { createContactInAgent, loadCrmMeta, recordActivities } from '../contacts/contacts.service';
import { prepareAnswers, submissionSearchText } from './form-fields';
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
 * Spam guards, cheapest first. A filled honeypot is answered like a success, so a bot learns
 * nothing; a missing, forged or too-fresh render token is a 400 a person can act on.
 */
async function checkGuards(
  deps: Deps,
  form: FormRow,
  body: { renderToken?: string | undefined; website?: string | undefined },
): Promise<'bot' | 'ok'> {
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
  if (check.ageMs < deps.config.formMinFillSeconds * 1000) {
    throw invalidField(
      'renderToken',
      'That was faster than a person can fill in this form: wait a moment and send it again',
    );
  }
  return 'ok';
}

/**
 * Accepts one visitor submission. Every answer is checked before anything is written; then the
 * contact is found or created (when an email or phone was mapped), uploads become its files, the
 * submission is stored and the form's counters move — all in one transaction. The write path's own
 * transaction runs inside it as a savepoint, so a failure anywhere leaves nothing behind.
 * Returns the submission id (a fresh, unstored one for bots).
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
  if ((await checkGuards(deps, form, body)) === 'bot') return { id: newId(), stored: false };

  const scope = { organizationId: form.organizationId, agentId: form.agentId };
  const meta = await loadCrmMeta(deps.db, scope, { appUrl: deps.config.appUrl });
  const prepared = prepareAnswers(form.fields, body.answers, {
    customFields: meta.fields,
    defaultCountry: meta.defaultCountry,
    fileFieldIds: new Set(uploads.map((upload) => upload.fieldId)),
  });
  if (uploads.length > 0 && !prepared.hasIdentity) {
    const fieldId = uploads[0]?.fieldId ?? '';
    throw invalidField(
      `answers.${fieldId}`,
      'Files can be sent only together with an email address or phone number',
    );
  }
  const actor = { kind: 'form' as const, id: form.id };
  const submissionId = newId();
  await deps.db.transaction(async (tx) => {
    let contactId: string | null = null;
    const answers: Record<string, unknown> = { ...prepared.answers };
    if (prepared.hasIdentity) {
      const { contact } = await createContactInAgent(tx, meta, prepared.contact, {
        source: 'form',
        actor,
        onDuplicate: 'fill_empty',
      });
      contactId = contact.id;
      if (uploads.length > 0) {
        const rows = await tx
          .insert(contactFiles)
          .values(
            uploads.map((upload) => ({
              ...scope,
              contactId: contact.id,
              uploadedBy: null,
              fileName: upload.fileName,
              contentType: upload.contentType,
              sizeBytes: upload.size,
              storageKey: upload.key,
            })),
          )
          .returning();
        rows.forEach((row, index) => {
          const fieldId = uploads[index]?.fieldId ?? '';
          const list = (answers[fieldId] as FormFileAnswer[] | undefined) ?? [];
          list.push({
            fileId: row.id,
            fileName: row.fileName,
            size: row.sizeBytes,
            contentType: row.contentType,
          });
          answers[fieldId] = list;
        });
        await recordActivities(
          tx,
          scope,
          contact.id,
          actor,
          rows.map((row) => ({
            kind: 'file_added',
            to: { fileId: row.id, fileName: row.fileName },
          })),
        );
      }
      await recordActivities(tx, scope, contact.id, actor, [
        { kind: 'form_submitted', to: { formId: form.id, formTitle: form.title, submissionId } },
      ]);
    }
    await tx.insert(formSubmissions).values({
      id: submissionId,
      ...scope,
      formId: form.id,
      contactId,
      answers,
      searchText: submissionSearchText(answers),
    });
    await tx
      .update(forms)
      .set({
        submissionCount: sql`${forms.submissionCount} + 1`,
        lastSubmissionAt: sql`now()`,
      })
      .where(and(eq(forms.id, form.id), eq(forms.organizationId, form.organizationId)));
  });
  return { id: submissionId, stored: true };
}

export function badUpload(
  fieldId: string,
  message: string,
  code: 'unsupported_media_type' | 'payload_too_large' | 'validation_failed',
): AppError {
  return new AppError(code, message, { details: [{ path: `answers.${fieldId}`, message }] });
}
