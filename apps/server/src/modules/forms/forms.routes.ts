import { PassThrough, type Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import {
  ContactSubmissionSchema,
  FORM_UPLOAD_TYPES,
  FormListItemSchema,
  FormPatchSchema,
  FormSchema,
  FormSubmissionCreateSchema,
  FormSubmissionQuerySchema,
  FormSubmissionSchema,
  FormWriteSchema,
  IdSchema,
  PageQuerySchema,
  PublicFormSchema,
  pageOf,
} from '@agent-crm/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { z } from 'zod';
import { AppError } from '../../lib/errors';
import { publicContext } from '../../lib/request';
import { access, memberContext, typed } from '../../lib/route';
import { cleanFileName } from '../files/files.service';
import { limitSubmissions } from './submission-limits';
import { renderFormPage, renderMessagePage } from './forms.page';
import {
  badUpload,
  findPublishedForm,
  formUploadLimit,
  submitForm,
  toPublicForm,
  type StoredUpload,
} from './forms.public';
import {
  createForm,
  deleteForm,
  duplicateForm,
  exportSubmissions,
  getForm,
  listContactSubmissions,
  listForms,
  listSubmissions,
  updateForm,
  type FormRow,
} from './forms.service';

const base = '/api/v1/agents/:agentId/forms';
const AgentParams = z.object({ agentId: IdSchema });
const FormParams = AgentParams.extend({ formId: IdSchema });
const ContactParams = AgentParams.extend({ contactId: IdSchema });
const SlugParams = z.object({ slug: z.string().min(1).max(120) });
const managers = access.member('owner', 'admin');
const tags = ['forms'];

const UPLOAD_TYPES: ReadonlySet<string> = new Set(FORM_UPLOAD_TYPES);
const SNIFF_BYTES = 4_100;

/** Old binary Office files share one container signature; the extension says which it is. */
const OLE_BY_EXTENSION: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};

function looksLikeText(head: Uint8Array): boolean {
  return head.every((byte) => byte >= 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d);
}

/** The upload's type from its first bytes, or null when it is not one forms accept. */
async function sniffUploadType(head: Uint8Array, fileName: string): Promise<string | null> {
  const extension = fileName.split('.').pop()?.toLowerCase() ?? '';
  const detected = await fileTypeFromBuffer(head);
  if (detected?.mime === 'application/x-cfb') return OLE_BY_EXTENSION[extension] ?? null;
  if (detected) return UPLOAD_TYPES.has(detected.mime) ? detected.mime : null;
  if (head.length > 0 && looksLikeText(head)) {
    if (extension === 'csv') return 'text/csv';
    if (['txt', 'text', 'md', 'log'].includes(extension)) return 'text/plain';
  }
  return null;
}

/** A pass-through that keeps the first bytes, so a file is sniffed without reading it twice. */
function headCapture() {
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = new PassThrough({
    transform(chunk: Buffer, _encoding, done) {
      if (size < SNIFF_BYTES) {
        chunks.push(chunk.subarray(0, SNIFF_BYTES - size));
        size += Math.min(chunk.length, SNIFF_BYTES - size);
      }
      done(null, chunk);
    },
  });
  return { stream, head: () => new Uint8Array(Buffer.concat(chunks)) };
}

/**
 * Reads a multipart submission: text parts named by field id (repeated for several choices),
 * `answers` as JSON, `renderToken`, the honeypot, and file parts named by their file field's id,
 * each streamed to storage and sniffed. On any failure the stored bytes are removed.
 */
async function readMultipart(
  request: FastifyRequest,
  form: FormRow,
): Promise<{ body: Record<string, unknown>; uploads: StoredUpload[] }> {
  const storage = request.server.deps.storage;
  const limit = await formUploadLimit(request.server.deps, form);
  const megabytes = Math.round(limit / 1024 / 1024);
  const fileFields = new Set(form.fields.filter((f) => f.type === 'file').map((f) => f.id));
  const answers: Record<string, unknown> = {};
  const body: Record<string, unknown> = { answers };
  const uploads: StoredUpload[] = [];
  let fieldName = '';
  try {
    const parts = request.parts({ limits: { fileSize: limit, files: 20, fields: 300 } });
    for await (const part of parts) {
      fieldName = part.fieldname;
      if (part.type === 'field') {
        const value = typeof part.value === 'string' ? part.value : String(part.value);
        if (part.fieldname === 'answers') {
          try {
            Object.assign(answers, z.record(z.string(), z.unknown()).parse(JSON.parse(value)));
          } catch {
            throw badUpload('answers', 'answers must be a JSON object', 'validation_failed');
          }
        } else if (part.fieldname === 'renderToken' || part.fieldname === 'website') {
          body[part.fieldname] = value;
        } else {
          const previous = answers[part.fieldname];
          answers[part.fieldname] =
            previous === undefined
              ? value
              : Array.isArray(previous)
                ? [...(previous as unknown[]), value]
                : [previous, value];
        }
        continue;
      }
      if (!fileFields.has(part.fieldname)) {
        part.file.resume();
        throw badUpload(part.fieldname, 'This form has no file question here', 'validation_failed');
      }
      const fileName = cleanFileName(part.filename);
      const capture = headCapture();
      part.file.on('error', (error) => capture.stream.destroy(error));
      const { key, sizeBytes } = await storage.put(part.file.pipe(capture.stream));
      if (part.file.truncated) {
        await storage.delete(key);
        throw badUpload(
          part.fieldname,
          `Files can be at most ${String(megabytes)} MB`,
          'payload_too_large',
        );
      }
      // A browser sends an empty part for a file input left empty.
      if (sizeBytes === 0 && !part.filename) {
        await storage.delete(key);
        continue;
      }
      const upload = { fieldId: part.fieldname, key, fileName, size: sizeBytes, contentType: '' };
      uploads.push(upload);
      const type = await sniffUploadType(capture.head(), fileName);
      if (!type) {
        throw badUpload(
          part.fieldname,
          `${fileName}: upload an image, a PDF, an office document or a plain text file`,
          'unsupported_media_type',
        );
      }
      upload.contentType = type;
    }
    return { body, uploads };
  } catch (error) {
    await Promise.all(uploads.map((upload) => storage.delete(upload.key)));
    const errors = request.server.multipartErrors;
    if (error instanceof errors.RequestFileTooLargeError) {
      throw badUpload(
        fieldName,
        `Files can be at most ${String(megabytes)} MB`,
        'payload_too_large',
      );
    }
    if (error instanceof errors.FilesLimitError) {
      throw badUpload(fieldName, 'Send at most 20 files at once', 'payload_too_large');
    }
    throw error;
  }
}

/** Finds the published form, reads the body (JSON or multipart) and stores the submission. */
async function acceptSubmission(request: FastifyRequest, slug: string) {
  const ctx = publicContext(request);
  const form = await findPublishedForm(ctx, slug);
  const { body, uploads } = request.isMultipart()
    ? await readMultipart(request, form)
    : { body: request.body, uploads: [] };
  try {
    const { id } = await submitForm(ctx, form, body, uploads);
    return { id, form };
  } catch (error) {
    await Promise.all(uploads.map((upload) => ctx.storage.delete(upload.key)));
    throw error;
  }
}

/** A browser posting the form without JavaScript wants a page back, not JSON. */
function wantsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return (
    request.isMultipart() && accept.includes('text/html') && !accept.includes('application/json')
  );
}

function nonce(): string {
  return randomBytes(16).toString('base64');
}

/** The hosted page's own policy: its inline style and script only, and where it may be framed. */
function sendPage(
  reply: FastifyReply,
  status: number,
  html: string,
  pageNonce: string,
  embed: boolean,
) {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .header(
      'content-security-policy',
      [
        "default-src 'none'",
        `style-src 'nonce-${pageNonce}'`,
        `script-src 'nonce-${pageNonce}'`,
        "connect-src 'self'",
        "form-action 'self'",
        "img-src 'self' data:",
        "base-uri 'none'",
        `frame-ancestors ${embed ? '*' : "'none'"}`,
      ].join('; '),
    )
    .type('text/html; charset=utf-8')
    .send(html);
}

/** Embeds need framing by other sites: this route alone drops the global DENY. */
async function allowFraming(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  const query = request.query as { embed?: string } | undefined;
  if (query?.embed === '1') void reply.removeHeader('x-frame-options');
  return Promise.resolve(payload);
}

export function formRoutes(app: FastifyInstance): void {
  const r = typed(app);
  // ---- Visitors -------------------------------------------------------------------------------

  r.get('/public/v1/forms/:slug', {
    config: { access: access.public },
    schema: {
      tags,
      summary: 'A published form, as a visitor sees it (with a render token for the submission)',
      params: SlugParams,
      response: { 200: PublicFormSchema },
      security: [],
    },
    handler: async (request, reply) => {
      const ctx = publicContext(request);
      const form = await findPublishedForm(ctx, request.params.slug);
      void reply.header('cache-control', 'no-store');
      return toPublicForm(ctx, form);
    },
  });

  r.post('/public/v1/forms/:slug/submissions', {
    config: {
      access: access.public,
      audit: false,
    },
    onRequest: limitSubmissions,
    schema: {
      tags,
      summary:
        'Submit a published form: JSON `{ answers, renderToken }`, or multipart/form-data when it has file questions',
      consumes: ['application/json', 'multipart/form-data'],
      params: SlugParams,
      body: FormSubmissionCreateSchema.nullish(),
      response: { 201: z.object({ id: IdSchema }) },
      security: [],
    },
    handler: async (request, reply) => {
      const slug = request.params.slug;
      if (!wantsHtml(request)) {
        const { id } = await acceptSubmission(request, slug);
        return reply.code(201).send({ id });
      }
      const pageNonce = nonce();
      let page: { status: number; html: string };
      try {
        const { form } = await acceptSubmission(request, slug);
        const html = renderMessagePage({
          title: form.title,
          message: form.successMessage,
          nonce: pageNonce,
          embed: false,
        });
        page = { status: 201, html };
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const html = renderMessagePage({
          title: error.code === 'not_found' ? 'Form not found' : 'Please check your answers',
          message: error.message,
          items: error.details?.map((detail) => detail.message),
          nonce: pageNonce,
          embed: false,
          backHref: `/f/${encodeURIComponent(slug)}`,
        });
        page = { status: error.status, html };
      }
      return sendPage(reply, page.status, page.html, pageNonce, false);
    },
  });

  r.get('/f/:slug', {
    config: { access: access.public },
    schema: {
      tags,
      summary: 'The hosted form page (add ?embed=1 to frame it in another site)',
      params: SlugParams,
      querystring: z.object({ embed: z.enum(['0', '1']).optional() }),
      security: [],
    },
    onSend: allowFraming,
    handler: async (request, reply) => {
      const ctx = publicContext(request);
      const embed = request.query.embed === '1';
      const pageNonce = nonce();
      let page: { status: number; html: string };
      try {
        const form = await toPublicForm(ctx, await findPublishedForm(ctx, request.params.slug));
        const action = `/public/v1/forms/${encodeURIComponent(form.slug)}/submissions`;
        page = { status: 200, html: renderFormPage(form, { nonce: pageNonce, embed, action }) };
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'not_found') throw error;
        const html = renderMessagePage({
          title: 'Form not found',
          message: 'This form does not exist or is not accepting answers right now.',
          nonce: pageNonce,
          embed,
        });
        page = { status: 404, html };
      }
      return sendPage(reply, page.status, page.html, pageNonce, embed);
    },
  });

  // ---- Members --------------------------------------------------------------------------------

  r.get(base, {
    config: { access: access.member() },
    schema: {
      tags,
      summary: "The agent's forms, newest first",
      params: AgentParams,
      querystring: PageQuerySchema,
      response: { 200: pageOf(FormListItemSchema) },
    },
    handler: (request) => listForms(memberContext(request), request.params.agentId, request.query),
  });

  r.post(base, {
    config: { access: managers, audit: { action: 'form.create', resourceType: 'form' } },
    schema: {
      tags,
      summary: 'Create a form',
      params: AgentParams,
      body: FormWriteSchema,
      response: { 201: FormSchema },
    },
    handler: async (request, reply) => {
      const form = await createForm(memberContext(request), request.params.agentId, request.body);
      return reply.code(201).send(form);
    },
  });

  r.get(`${base}/:formId`, {
    config: { access: access.member() },
    schema: { tags, summary: 'One form', params: FormParams, response: { 200: FormSchema } },
    handler: (request) =>
      getForm(memberContext(request), request.params.agentId, request.params.formId),
  });

  r.patch(`${base}/:formId`, {
    config: { access: managers, audit: { action: 'form.update', resourceType: 'form' } },
    schema: {
      tags,
      summary: 'Change a form: fields, texts, published',
      params: FormParams,
      body: FormPatchSchema,
      response: { 200: FormSchema },
    },
    handler: (request) =>
      updateForm(
        memberContext(request),
        request.params.agentId,
        request.params.formId,
        request.body,
      ),
  });

  r.delete(`${base}/:formId`, {
    config: { access: managers, audit: { action: 'form.delete', resourceType: 'form' } },
    schema: {
      tags,
      summary: 'Delete a form with its submissions (contacts stay)',
      params: FormParams,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await deleteForm(memberContext(request), request.params.agentId, request.params.formId);
      return reply.code(204).send(null);
    },
  });

  r.post(`${base}/:formId/duplicate`, {
    config: { access: managers, audit: { action: 'form.duplicate', resourceType: 'form' } },
    schema: {
      tags,
      summary: 'Copy a form (unpublished)',
      params: FormParams,
      response: { 201: FormSchema },
    },
    handler: async (request, reply) => {
      const form = await duplicateForm(
        memberContext(request),
        request.params.agentId,
        request.params.formId,
      );
      return reply.code(201).send(form);
    },
  });

  r.get(`${base}/:formId/submissions`, {
    config: { access: access.member() },
    schema: {
      tags,
      summary: "A form's submissions, newest first; ?q= searches the answers",
      params: FormParams,
      querystring: FormSubmissionQuerySchema,
      response: { 200: pageOf(FormSubmissionSchema) },
    },
    handler: (request) =>
      listSubmissions(
        memberContext(request),
        request.params.agentId,
        request.params.formId,
        request.query,
      ),
  });

  r.get(`${base}/:formId/submissions.csv`, {
    config: { access: access.member() },
    schema: {
      tags,
      summary: "Export a form's submissions as CSV (formulas neutralized); ?q= filters",
      params: FormParams,
      querystring: z.object({ q: z.string().trim().max(200).optional() }),
    },
    handler: async (request, reply) => {
      const { fileName, stream } = await exportSubmissions(
        memberContext(request),
        request.params.agentId,
        request.params.formId,
        request.query.q,
      );
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        )
        .send(stream satisfies Readable);
    },
  });

  r.get('/api/v1/agents/:agentId/contacts/:contactId/submissions', {
    config: { access: access.member() },
    schema: {
      tags,
      summary: "A contact's form submissions, in full",
      params: ContactParams,
      response: { 200: pageOf(ContactSubmissionSchema) },
    },
    handler: (request) =>
      listContactSubmissions(
        memberContext(request),
        request.params.agentId,
        request.params.contactId,
      ),
  });
}
