import {
  ChatMessageListSchema,
  ConversationStartSchema,
  ConversationStartedSchema,
  FeedbackWriteSchema,
  IdSchema,
  MessageListQuerySchema,
  MessageReplySchema,
  MessageSendSchema,
  WidgetAgentSchema,
} from '@agent-crm/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../lib/errors';
import { publicContext } from '../../lib/request';
import { access, typed } from '../../lib/route';
import {
  beginTurn,
  bearerToken,
  completeTurn,
  getWidgetAgent,
  hashVisitorToken,
  listVisitorMessages,
  setVisitorFeedback,
  startConversation,
} from './chat.service';

const tags = ['chat (visitors)'];
const AgentParams = z.object({ agentId: IdSchema });
const ConversationParams = z.object({ conversationId: IdSchema });
const MessageParams = ConversationParams.extend({ messageId: IdSchema });
const AuthHeaders = z.object({
  authorization: z
    .string()
    .optional()
    .describe('Bearer <visitorToken> from the conversation start'),
});

/**
 * The widget runs on customers' sites: any origin may call, without credentials (the visitor
 * token travels in the Authorization header, never in a cookie).
 */
export const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PUT, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type, accept',
  'access-control-max-age': '86400',
} as const;

async function cors(_request: FastifyRequest, reply: FastifyReply): Promise<void> {
  void reply.headers(CORS_HEADERS);
  return Promise.resolve();
}

const WINDOW_MS = 60_000;

/** Rate-limit keys of the visitor (by token) and of the caller's address, kept apart by prefix. */
function visitorKey(request: FastifyRequest): string {
  const token = bearerToken(request.headers.authorization);
  return token ? `chat-visitor:${hashVisitorToken(token)}` : `chat-visitor-ip:${request.ip}`;
}

function writeEvent(reply: FastifyReply, event: string, data: unknown): void {
  if (reply.raw.destroyed || reply.raw.writableEnded) return;
  reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

export function publicChatRoutes(app: FastifyInstance): void {
  const r = typed(app);

  for (const url of [
    '/public/v1/agents/:agentId/conversations',
    '/public/v1/conversations/:conversationId/messages',
    '/public/v1/conversations/:conversationId/messages/:messageId/feedback',
  ]) {
    app.options(url, {
      config: { access: access.public },
      schema: { hide: true },
      handler: (_request, reply) => reply.headers(CORS_HEADERS).code(204).send(),
    });
  }

  const checkVisitor = app.createRateLimit({
    max: (request) => request.server.deps.config.chatMessagesPerVisitor,
    timeWindow: WINDOW_MS,
    keyGenerator: visitorKey,
  });
  async function visitorLimit(request: FastifyRequest): Promise<void> {
    const result = await checkVisitor(request);
    if (!result.isAllowed && result.isExceeded) {
      throw new AppError(
        'rate_limited',
        `Too many messages. Try again in ${String(result.ttlInSeconds)} seconds.`,
        { headers: { 'retry-after': String(Math.max(1, result.ttlInSeconds)) } },
      );
    }
  }

  r.get('/public/v1/agents/:agentId/widget', {
    config: { access: access.public },
    onRequest: cors,
    schema: {
      tags,
      summary: 'What the widget shows before a conversation starts (403 agent_private)',
      params: AgentParams,
      response: { 200: WidgetAgentSchema },
    },
    handler: (request) => getWidgetAgent(publicContext(request), request.params.agentId),
  });

  r.post('/public/v1/agents/:agentId/conversations', {
    config: {
      access: access.public,
      audit: false,
      rateLimit: {
        max: (request) => request.server.deps.config.chatStartsPerIp,
        timeWindow: WINDOW_MS,
        keyGenerator: (request) => `chat-start-ip:${request.ip}`,
      },
    },
    onRequest: cors,
    schema: {
      tags,
      summary:
        'Start a conversation (with a visitor token: as the same visitor). 403 agent_private, ' +
        '401 sign_in_required (Restrict), 402 payment_required (Pay for Access)',
      params: AgentParams,
      headers: AuthHeaders,
      // The body is optional: a bare POST starts a widget conversation.
      body: ConversationStartSchema.nullish(),
      response: { 201: ConversationStartedSchema },
    },
    handler: async (request, reply) => {
      const started = await startConversation(publicContext(request), request.params.agentId, {
        authorization: request.headers.authorization,
        channel: request.body?.channel ?? 'widget',
      });
      return reply.code(201).send(started);
    },
  });

  r.post('/public/v1/conversations/:conversationId/messages', {
    config: {
      access: access.public,
      audit: false,
      rateLimit: {
        max: (request) => request.server.deps.config.chatMessagesPerIp,
        timeWindow: WINDOW_MS,
        keyGenerator: (request) => `chat-message-ip:${request.ip}`,
      },
    },
    // The visitor's limit runs first; the plugin runs one limiter hook per request, so this one
    // is checked by hand and the route's own (per address) stays the plugin's.
    onRequest: [cors, visitorLimit],
    schema: {
      tags,
      summary:
        'Send a message; the reply as JSON, or with Accept: text/event-stream as server-sent ' +
        'events (`delta` {text} chunks, then `done` {message})',
      params: ConversationParams,
      headers: AuthHeaders,
      body: MessageSendSchema,
      response: { 200: MessageReplySchema },
    },
    handler: async (request, reply) => {
      const ctx = publicContext(request);
      const turn = await beginTurn(
        ctx,
        request.params.conversationId,
        request.headers.authorization,
        request.body.text,
      );
      const wantsStream = (request.headers.accept ?? '').includes('text/event-stream');
      if (!wantsStream) {
        const message = await completeTurn(ctx, turn, () => undefined, request.log);
        return reply.send({ message });
      }
      // From here the answer is ours to write: 4xx were all thrown above, before streaming.
      void reply.hijack();
      reply.raw.writeHead(200, {
        ...CORS_HEADERS,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      reply.raw.flushHeaders();
      try {
        // A visitor who leaves mid-reply still gets it stored; we just stop writing.
        const message = await completeTurn(
          ctx,
          turn,
          (text) => {
            writeEvent(reply, 'delta', { text });
          },
          request.log,
        );
        writeEvent(reply, 'done', { message });
      } catch (error) {
        request.log.error({ err: error }, 'streamed reply failed');
        writeEvent(reply, 'error', {
          error: { code: 'internal_error', message: 'Something went wrong on our side.' },
        });
      } finally {
        reply.raw.end();
      }
      return reply;
    },
  });

  r.get('/public/v1/conversations/:conversationId/messages', {
    config: { access: access.public },
    onRequest: cors,
    schema: {
      tags,
      summary: "The visitor's own conversation, oldest message first",
      params: ConversationParams,
      headers: AuthHeaders,
      querystring: MessageListQuerySchema,
      response: { 200: ChatMessageListSchema },
    },
    handler: (request) =>
      listVisitorMessages(
        publicContext(request),
        request.params.conversationId,
        request.headers.authorization,
        request.query,
      ),
  });

  r.put('/public/v1/conversations/:conversationId/messages/:messageId/feedback', {
    config: { access: access.public, audit: false },
    onRequest: cors,
    schema: {
      tags,
      summary: 'Like or dislike an assistant message (null clears)',
      params: MessageParams,
      headers: AuthHeaders,
      body: FeedbackWriteSchema,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await setVisitorFeedback(
        publicContext(request),
        request.params.conversationId,
        request.params.messageId,
        request.headers.authorization,
        request.body.feedback,
      );
      return reply.code(204).send(null);
    },
  });
}
