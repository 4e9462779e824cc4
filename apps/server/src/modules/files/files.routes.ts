import { FileListSchema, IdSchema } from '@agent-crm/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../lib/errors';
import { access, memberContext, typed } from '../../lib/route';
import {
  deleteFile,
  listFiles,
  openFile,
  saveUploads,
  uploadLimitBytes,
  type Upload,
} from './files.service';

const base = '/api/v1/agents/:agentId/contacts/:contactId/files';
const ContactParams = z.object({ agentId: IdSchema, contactId: IdSchema });
const FileParams = ContactParams.extend({ fileId: IdSchema });
const tags = ['files'];

/** The multipart parts named `file`, streamed one after another; other fields are ignored. */
async function* fileParts(request: FastifyRequest, limitBytes: number): AsyncIterable<Upload> {
  if (!request.isMultipart()) {
    throw new AppError('unsupported_media_type', 'Upload files as multipart/form-data');
  }
  const megabytes = Math.round(limitBytes / 1024 / 1024);
  try {
    for await (const part of request.files({ limits: { fileSize: limitBytes, files: 20 } })) {
      yield { fileName: part.filename, stream: part.file };
    }
  } catch (error) {
    if (error instanceof request.server.multipartErrors.RequestFileTooLargeError) {
      throw new AppError('payload_too_large', `Files can be at most ${megabytes} MB`, {
        details: [{ path: 'file', message: `Files can be at most ${megabytes} MB` }],
      });
    }
    if (error instanceof request.server.multipartErrors.FilesLimitError) {
      throw new AppError('payload_too_large', 'Upload at most 20 files at once', {
        details: [{ path: 'file', message: 'Upload at most 20 files at once' }],
      });
    }
    throw error;
  }
}

export function fileRoutes(app: FastifyInstance): void {
  const r = typed(app);

  r.get(base, {
    config: { access: access.member() },
    schema: {
      tags,
      summary: "A contact's files",
      params: ContactParams,
      response: { 200: FileListSchema },
    },
    handler: async (request) => ({
      data: await listFiles(
        memberContext(request),
        request.params.agentId,
        request.params.contactId,
      ),
    }),
  });

  r.post(base, {
    config: { access: access.member(), audit: { action: 'file.upload', resourceType: 'contact' } },
    schema: {
      tags,
      summary: 'Upload files (multipart/form-data, field "file", several at once)',
      consumes: ['multipart/form-data'],
      params: ContactParams,
      response: { 201: FileListSchema },
    },
    handler: async (request, reply) => {
      const ctx = memberContext(request);
      const limit = await uploadLimitBytes(ctx, request.params.agentId);
      const files = await saveUploads(
        ctx,
        request.params.agentId,
        request.params.contactId,
        fileParts(request, limit),
      );
      reply.code(201);
      return { data: files };
    },
  });

  r.get(`${base}/:fileId`, {
    config: { access: access.member() },
    schema: { tags, summary: 'Download a file (always as an attachment)', params: FileParams },
    handler: async (request, reply) => {
      const { file, contentType, stream } = await openFile(
        memberContext(request),
        request.params.agentId,
        request.params.contactId,
        request.params.fileId,
      );
      const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_');
      return reply
        .header('content-type', contentType)
        .header('content-length', String(file.sizeBytes))
        .header(
          'content-disposition',
          `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(stream);
    },
  });

  r.delete(`${base}/:fileId`, {
    config: { access: access.member(), audit: { action: 'file.delete', resourceType: 'file' } },
    schema: {
      tags,
      summary: 'Delete a file (uploaders their own, Admins any)',
      params: FileParams,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await deleteFile(
        memberContext(request),
        request.params.agentId,
        request.params.contactId,
        request.params.fileId,
      );
      return reply.code(204).send(null);
    },
  });
}
