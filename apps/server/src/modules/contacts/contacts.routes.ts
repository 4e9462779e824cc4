import {
  ActivitySchema,
  BulkResultSchema,
  ContactCountSchema,
  DuplicateListSchema,
  ContactBulkSchema,
  ContactMergeSchema,
  ContactListQuerySchema,
  ContactSchema,
  ContactWriteSchema,
  DuplicateQuerySchema,
  IdSchema,
  PageQuerySchema,
  pageOf,
  type ContactFilter,
} from '@agent-crm/contracts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { access, memberContext, typed } from '../../lib/route';
import {
  archiveContact,
  countContacts,
  createContact,
  eraseContact,
  findDuplicates,
  getContact,
  listActivity,
  listContacts,
  restoreContact,
  updateContact,
} from './contacts.service';
import { bulkUpdateContacts, mergeContacts } from './contacts.bulk';

const base = '/api/v1/agents/:agentId/contacts';
const AgentParams = z.object({ agentId: IdSchema });
const ContactParams = AgentParams.extend({ contactId: IdSchema });
const managers = access.member('owner', 'admin');
const tags = ['contacts'];

/** `?field.company=Acme` → `{ company: 'Acme' }`; the rest is parsed by the schema. */
const ListQuery = ContactListQuerySchema.omit({ fields: true }).catchall(z.string());
const FilterQuery = ListQuery.omit({ sort: true, limit: true, cursor: true });

function withFieldFilters<T extends Record<string, unknown>>(
  query: T,
): T & Pick<ContactFilter, 'fields'> {
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    // An empty value is an unset filter, as a cleared filter input sends it.
    if (key.startsWith('field.') && typeof value === 'string' && value !== '') {
      fields[key.slice('field.'.length)] = value;
    }
  }
  return { ...query, fields };
}

const CreateQuery = z.object({
  onDuplicate: z
    .enum(['error', 'update'])
    .default('error')
    .describe('update: upsert on email, phone or externalId'),
});

export function contactRoutes(app: FastifyInstance): void {
  const r = typed(app);

  r.get(base, {
    config: { access: access.member() },
    schema: {
      tags,
      summary:
        'List contacts: search, filters (custom fields as field.<key>=value), sort, cursor pages',
      params: AgentParams,
      querystring: ListQuery,
      response: { 200: pageOf(ContactSchema) },
    },
    handler: (request) =>
      listContacts(memberContext(request), request.params.agentId, withFieldFilters(request.query)),
  });

  r.get(`${base}/count`, {
    config: { access: access.member() },
    schema: {
      tags,
      summary: 'How many contacts match the filters',
      params: AgentParams,
      querystring: FilterQuery,
      response: { 200: ContactCountSchema },
    },
    handler: (request) =>
      countContacts(
        memberContext(request),
        request.params.agentId,
        withFieldFilters(request.query),
      ),
  });

  r.get(`${base}/duplicates`, {
    config: { access: access.member() },
    schema: {
      tags,
      summary: 'Possible duplicates of a person being entered, with reasons',
      params: AgentParams,
      querystring: DuplicateQuerySchema,
      response: { 200: DuplicateListSchema },
    },
    handler: (request) =>
      findDuplicates(memberContext(request), request.params.agentId, request.query),
  });

  r.post(base, {
    config: { access: managers, audit: { action: 'contact.create', resourceType: 'contact' } },
    schema: {
      tags,
      summary: 'Add a contact (409 duplicate_contact when the email, phone or externalId is taken)',
      params: AgentParams,
      querystring: CreateQuery,
      body: ContactWriteSchema,
      response: { 200: ContactSchema, 201: ContactSchema },
    },
    handler: async (request, reply) => {
      const { contact, created } = await createContact(
        memberContext(request),
        request.params.agentId,
        request.body,
        {
          onDuplicate: request.query.onDuplicate,
        },
      );
      reply.code(created ? 201 : 200);
      return contact;
    },
  });

  r.post(`${base}/bulk`, {
    config: { access: managers, audit: { action: 'contact.bulk', resourceType: 'agent' } },
    schema: {
      tags,
      summary:
        'Assign owner, set stage/status, archive, restore or delete: by ids or by filter. ' +
        'Past 10,000 contacts it answers 202 with a background job to poll.',
      params: AgentParams,
      body: ContactBulkSchema,
      response: { 200: BulkResultSchema, 202: BulkResultSchema },
    },
    handler: async (request, reply) => {
      const result = await bulkUpdateContacts(
        memberContext(request),
        request.params.agentId,
        request.body,
      );
      if (result.job) reply.code(202);
      return result;
    },
  });

  r.post(`${base}/merge`, {
    config: { access: managers, audit: { action: 'contact.merge', resourceType: 'contact' } },
    schema: {
      tags,
      summary: 'Merge two contacts, choosing the surviving value per field',
      params: AgentParams,
      body: ContactMergeSchema,
      response: { 200: ContactSchema },
    },
    handler: (request) =>
      mergeContacts(memberContext(request), request.params.agentId, request.body),
  });

  r.get(`${base}/:contactId`, {
    config: { access: access.member() },
    schema: {
      tags,
      summary: 'One contact',
      params: ContactParams,
      response: { 200: ContactSchema },
    },
    handler: (request) =>
      getContact(memberContext(request), request.params.agentId, request.params.contactId),
  });

  r.patch(`${base}/:contactId`, {
    config: {
      access: access.member(),
      audit: { action: 'contact.update', resourceType: 'contact' },
    },
    schema: {
      tags,
      summary: 'Change a contact (Users: stage and status of their own contacts)',
      params: ContactParams,
      body: ContactWriteSchema,
      response: { 200: ContactSchema },
    },
    handler: (request) =>
      updateContact(
        memberContext(request),
        request.params.agentId,
        request.params.contactId,
        request.body,
      ),
  });

  r.delete(`${base}/:contactId`, {
    config: { access: managers, audit: { action: 'contact.erase', resourceType: 'contact' } },
    schema: {
      tags,
      summary: 'Erase a contact permanently, with its notes, files and history',
      params: ContactParams,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await eraseContact(memberContext(request), request.params.agentId, request.params.contactId);
      return reply.code(204).send(null);
    },
  });

  r.post(`${base}/:contactId/archive`, {
    config: { access: managers, audit: { action: 'contact.archive', resourceType: 'contact' } },
    schema: {
      tags,
      summary: 'Archive a contact (hidden from lists, restorable)',
      params: ContactParams,
      response: { 200: ContactSchema },
    },
    handler: (request) =>
      archiveContact(memberContext(request), request.params.agentId, request.params.contactId),
  });

  r.post(`${base}/:contactId/restore`, {
    config: { access: managers, audit: { action: 'contact.restore', resourceType: 'contact' } },
    schema: {
      tags,
      summary: 'Restore an archived contact',
      params: ContactParams,
      response: { 200: ContactSchema },
    },
    handler: (request) =>
      restoreContact(memberContext(request), request.params.agentId, request.params.contactId),
  });

  r.get(`${base}/:contactId/activity`, {
    config: { access: access.member() },
    schema: {
      tags,
      summary: "A contact's history, newest first",
      params: ContactParams,
      querystring: PageQuerySchema,
      response: { 200: pageOf(ActivitySchema) },
    },
    handler: (request) =>
      listActivity(
        memberContext(request),
        request.params.agentId,
        request.params.contactId,
        request.query,
      ),
  });
}
