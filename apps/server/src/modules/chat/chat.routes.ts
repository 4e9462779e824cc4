import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  ChatPeopleQuerySchema,
  ChatPersonSchema,
  ContactConversationSchema,
  ConversationListQuerySchema,
  ConversationSchema,
  ConversationStartedSchema,
  IdSchema,
  MemberChatMessageListSchema,
  MessageListQuerySchema,
  PageQuerySchema,
  pageOf,
} from '@agent-crm/contracts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound } from '../../lib/errors';
import { publicContext } from '../../lib/request';
import { access, memberContext, typed } from '../../lib/route';
import { findAgentById } from './chat.repo';
import {
  listChatPeople,
  listContactConversations,
  listConversationMessages,
  listConversations,
  startPlaygroundConversation,
} from './conversations.service';
import { publicChatRoutes } from './public-chat.routes';

const base = '/api/v1/agents/:agentId';
const tags = ['conversations'];
const AgentParams = z.object({ agentId: IdSchema });

/** Visitors' chat API (`/public/v1`), the admin's conversations and the widget's files. */
export function chatRoutes(app: FastifyInstance): void {
  publicChatRoutes(app);
  memberChatRoutes(app);
  widgetFileRoutes(app);
}

function memberChatRoutes(app: FastifyInstance): void {
  const r = typed(app);

  r.get(`${base}/conversations/people`, {
    config: { access: access.member() },
    schema: {
      tags,
      summary:
        'People who chatted, newest activity first: one row per contact or per anonymous visitor',
      params: AgentParams,
      querystring: ChatPeopleQuerySchema,
      response: { 200: pageOf(ChatPersonSchema) },
    },
    handler: (request) =>
      listChatPeople(memberContext(request), request.params.agentId, request.query),
  });

  r.get(`${base}/conversations`, {
    config: { access: access.member() },
    schema: {
      tags,
      summary: "Conversations, newest first; a contact's or a visitor's with contactId/visitorId",
      params: AgentParams,
      querystring: ConversationListQuerySchema,
      response: { 200: pageOf(ConversationSchema) },
    },
    handler: (request) =>
      listConversations(memberContext(request), request.params.agentId, request.query),
  });

  r.get(`${base}/conversations/:conversationId/messages`, {
    config: { access: access.member() },
    schema: {
      tags,
      summary: 'A transcript, oldest first, with what each message captured (meta)',
      params: AgentParams.extend({ conversationId: IdSchema }),
      querystring: MessageListQuerySchema,
      response: { 200: MemberChatMessageListSchema },
    },
    handler: (request) =>
      listConversationMessages(
        memberContext(request),
        request.params.agentId,
        request.params.conversationId,
        request.query,
      ),
  });

  r.get(`${base}/contacts/:contactId/conversations`, {
    config: { access: access.member() },
    schema: {
      tags: ['contacts'],
      summary: "A contact's conversations (the Chat tab), newest first",
      params: AgentParams.extend({ contactId: IdSchema }),
      querystring: PageQuerySchema,
      response: { 200: pageOf(ContactConversationSchema) },
    },
    handler: (request) =>
      listContactConversations(
        memberContext(request),
        request.params.agentId,
        request.params.contactId,
        request.query,
      ),
  });

  r.post(`${base}/playground/conversations`, {
    config: { access: access.member(), audit: false },
    schema: {
      tags,
      summary:
        'Try the agent out, whatever its visibility or access mode; chat through the public ' +
        'message endpoints with the returned token',
      params: AgentParams,
      response: { 201: ConversationStartedSchema },
    },
    handler: async (request, reply) => {
      const started = await startPlaygroundConversation(
        memberContext(request),
        request.params.agentId,
      );
      return reply.code(201).send(started);
    },
  });
}

/** The built widget: next to the server's bundle in production, in the workspace in development. */
const EMBED_CANDIDATES = [
  new URL('../../widget/dist/embed.js', import.meta.url),
  new URL('../../../../widget/dist/embed.js', import.meta.url),
].map((url) => fileURLToPath(url));

function embedPath(): string | null {
  return EMBED_CANDIDATES.find((candidate) => fs.existsSync(candidate)) ?? null;
}

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** The full-page share link: the widget in page mode, nothing else. */
export function sharePage(agentId: string, title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>html,body{margin:0;height:100%}#agent-crm-chat{height:100%}</style>
</head>
<body>
<div id="agent-crm-chat"></div>
<script src="/embed.js" data-agent-id="${escapeHtml(agentId)}" data-mode="page" data-target="agent-crm-chat" defer></script>
</body>
</html>
`;
}

function widgetFileRoutes(app: FastifyInstance): void {
  const r = typed(app);

  r.get('/embed.js', {
    config: { access: access.public },
    schema: { hide: true },
    handler: (_request, reply) => {
      const file = embedPath();
      if (!file) throw notFound('The widget bundle (build apps/widget first)');
      return reply
        .headers({
          'content-type': 'text/javascript; charset=utf-8',
          'cache-control': 'public, max-age=300',
          'access-control-allow-origin': '*',
          'cross-origin-resource-policy': 'cross-origin',
        })
        .send(fs.createReadStream(file));
    },
  });

  r.get('/chat/:agentId', {
    config: { access: access.public },
    schema: { hide: true, params: AgentParams },
    handler: async (request, reply) => {
      const agent = await findAgentById(publicContext(request).db, request.params.agentId);
      if (!agent) throw notFound('Agent');
      // A private agent's name stays private; the widget itself says the agent is private.
      const title = agent.visibility === 'public' ? agent.name : 'Chat';
      return reply
        .header('cache-control', 'no-cache')
        .type('text/html; charset=utf-8')
        .send(sharePage(agent.id, title));
    },
  });
}
