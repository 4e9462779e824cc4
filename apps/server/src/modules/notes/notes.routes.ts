import { IdSchema, NoteSchema, NoteWriteSchema } from '@agent-crm/contracts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { access, memberContext, typed } from '../../lib/route';
import { createNote, deleteNote, listNotes, updateNote } from './notes.service';

const base = '/api/v1/agents/:agentId/contacts/:contactId/notes';
const ContactParams = z.object({ agentId: IdSchema, contactId: IdSchema });
const NoteParams = ContactParams.extend({ noteId: IdSchema });
const tags = ['notes'];

export function noteRoutes(app: FastifyInstance): void {
  const r = typed(app);

  r.get(base, {
    config: { access: access.member() },
    schema: {
      tags,
      summary: "A contact's notes, newest first",
      params: ContactParams,
      response: { 200: z.object({ data: z.array(NoteSchema), nextCursor: z.null() }) },
    },
    handler: async (request) => ({
      data: await listNotes(
        memberContext(request),
        request.params.agentId,
        request.params.contactId,
      ),
      nextCursor: null,
    }),
  });

  r.post(base, {
    config: { access: access.member(), audit: { action: 'note.create', resourceType: 'note' } },
    schema: {
      tags,
      summary: 'Add a note (rich text; the HTML is sanitized)',
      params: ContactParams,
      body: NoteWriteSchema,
      response: { 201: NoteSchema },
    },
    handler: async (request, reply) => {
      reply.code(201);
      return createNote(
        memberContext(request),
        request.params.agentId,
        request.params.contactId,
        request.body.html,
      );
    },
  });

  r.patch(`${base}/:noteId`, {
    config: { access: access.member(), audit: { action: 'note.update', resourceType: 'note' } },
    schema: {
      tags,
      summary: 'Edit a note (authors their own, Admins any)',
      params: NoteParams,
      body: NoteWriteSchema,
      response: { 200: NoteSchema },
    },
    handler: (request) =>
      updateNote(
        memberContext(request),
        request.params.agentId,
        request.params.contactId,
        request.params.noteId,
        request.body.html,
      ),
  });

  r.delete(`${base}/:noteId`, {
    config: { access: access.member(), audit: { action: 'note.delete', resourceType: 'note' } },
    schema: {
      tags,
      summary: 'Delete a note (authors their own, Admins any)',
      params: NoteParams,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await deleteNote(
        memberContext(request),
        request.params.agentId,
        request.params.contactId,
        request.params.noteId,
      );
      return reply.code(204).send(null);
    },
  });
}
