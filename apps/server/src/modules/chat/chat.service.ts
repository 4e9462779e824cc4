import crypto from 'node:crypto';
import type {
  AssistantMessage,
  ChatChannel,
  ChatMessage,
  ConversationStarted,
  Feedback,
  MessageListQuery,
  WidgetAgent,
} from '@agent-crm/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { PublicContext } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { decodeCursor, toPage } from '../../lib/pagination';
import type { AgentScope } from '../../lib/tenant';
import { extractDetails, type CaptureContext, type Extracted } from './assistant/extract';
import { ruleBasedReply, type ChatTurn } from './assistant/rule-based';
import {
  captureContextFor,
  isEmpty,
  mergeExtracted,
  newlyCaptured,
  sanitizeCaptured,
  saveCapture,
} from './capture';
import {
  findAgentById,
  findVisitorByTokenHash,
  findVisitorConversation,
  insertConversation,
  insertMessages,
  insertVisitor,
  listMessageRows,
  loadTurn,
  setMessageFeedback,
  updateMessageMeta,
  type AgentRow,
  type ConversationRow,
  type MessageRow,
  type NewMessage,
  type VisitorRow,
} from './chat.repo';
import { captureTool, streamLlmReply, systemPrompt, type LlmConfig } from './llm';

export const FALLBACK_REPLY =
  "Sorry — I'm having trouble answering right now. Your message is saved; please try again in a moment.";

/** How many earlier messages the model sees. */
const HISTORY_SIZE = 30;

// Visitor tokens -----------------------------------------------------------------------------------

/** 32 random bytes, base64url. Only its SHA-256 is stored. */
export function newVisitorToken(): { token: string; hash: string } {
  const token = crypto.randomBytes(32).toString('base64url');
  return { token, hash: hashVisitorToken(token) };
}

export function hashVisitorToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+([A-Za-z0-9_-]{16,128})\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

function requireToken(header: string | undefined): string {
  const token = bearerToken(header);
  if (!token) {
    throw new AppError('unauthenticated', 'Send the visitor token as Authorization: Bearer …');
  }
  return token;
}

function scopeOf(agent: AgentRow): AgentScope {
  return { organizationId: agent.organizationId, agentId: agent.id };
}

// Access -----------------------------------------------------------------------------------------

/**
 * Who may chat with an agent. Members in the playground always may; visitors only with a public
 * agent whose access mode admits them. Restrict and Pay for Access admit nobody yet: the gating
 * module (email sign-in, paid grants) decides that for the visitor once it exists.
 */
export function admitVisitor(
  agent: Pick<AgentRow, 'visibility' | 'accessMode'>,
  visitor: Pick<VisitorRow, 'memberId'> | null,
): void {
  if (visitor?.memberId) return;
  if (agent.visibility === 'private') {
    throw new AppError('agent_private', 'This agent is private');
  }
  switch (agent.accessMode) {
    case 'free':
      return;
    case 'restricted':
      throw new AppError('sign_in_required', 'Sign in with your email to chat with this agent');
    case 'paid':
      throw new AppError('payment_required', 'This agent needs a paid pass');
  }
}

// Public operations ------------------------------------------------------------------------------

export async function getWidgetAgent(ctx: PublicContext, agentId: string): Promise<WidgetAgent> {
  const agent = await findAgentById(ctx.db, agentId);
  if (!agent) throw notFound('Agent');
  if (agent.visibility === 'private') {
    throw new AppError('agent_private', 'This agent is private');
  }
  return {
    id: agent.id,
    name: agent.name,
    welcomeMessage: agent.welcomeMessage,
    suggestedQuestions: agent.suggestedQuestions,
    accessMode: agent.accessMode,
  };
}

/**
 * A new conversation; with a visitor token of this agent, for the same visitor (their history
 * and identity carry over). A token of another agent, or an unknown one, is refused.
 */
export async function startConversation(
  ctx: PublicContext,
  agentId: string,
  input: { authorization: string | undefined; channel: ChatChannel },
): Promise<ConversationStarted> {
  const agent = await findAgentById(ctx.db, agentId);
  if (!agent) throw notFound('Agent');
  let visitor: VisitorRow | null = null;
  let token: string | null = null;
  if (input.authorization !== undefined) {
    token = requireToken(input.authorization);
    visitor = await findVisitorByTokenHash(ctx.db, hashVisitorToken(token));
    if (visitor?.agentId !== agent.id || visitor.organizationId !== agent.organizationId) {
      throw new AppError('unauthenticated', 'This visitor token is not valid for this agent');
    }
  }
  admitVisitor(agent, visitor);
  const scope = scopeOf(agent);
  if (!visitor || !token) {
    const fresh = newVisitorToken();
    token = fresh.token;
    visitor = await insertVisitor(ctx.db, scope, { tokenHash: fresh.hash, memberId: null });
  }
  const conversation = await insertConversation(ctx.db, scope, {
    visitorId: visitor.id,
    contactId: visitor.contactId,
    channel: visitor.memberId ? 'playground' : input.channel,
  });
  return { conversationId: conversation.id, visitorToken: token };
}

/** A member trying the agent out, whatever its visibility or access mode. */
export async function startPlayground(
  ctx: PublicContext,
  agent: AgentRow,
  memberId: string,
): Promise<ConversationStarted> {
  const scope = scopeOf(agent);
  const fresh = newVisitorToken();
  const visitor = await insertVisitor(ctx.db, scope, { tokenHash: fresh.hash, memberId });
  const conversation = await insertConversation(ctx.db, scope, {
    visitorId: visitor.id,
    contactId: null,
    channel: 'playground',
  });
  return { conversationId: conversation.id, visitorToken: fresh.token };
}

type VisitorConversation = {
  conversation: ConversationRow;
  visitor: VisitorRow;
  agent: AgentRow;
};

/** The token's own conversation, or 404 for any other id (another visitor's, agent's, tenant's). */
async function requireVisitorConversation(
  ctx: PublicContext,
  conversationId: string,
  authorization: string | undefined,
): Promise<VisitorConversation> {
  const token = requireToken(authorization);
  const found = await findVisitorConversation(ctx.db, conversationId, hashVisitorToken(token));
  if (!found) throw notFound('Conversation');
  if (found.conversation.channel !== 'playground') admitVisitor(found.agent, found.visitor);
  return found;
}

export function toChatMessage(row: MessageRow): ChatMessage {
  return {
    id: row.id,
    role: row.role,
    text: row.text,
    createdAt: row.createdAt.toISOString(),
    feedback: row.feedback,
  };
}

export async function listVisitorMessages(
  ctx: PublicContext,
  conversationId: string,
  authorization: string | undefined,
  query: MessageListQuery,
) {
  const { agent } = await requireVisitorConversation(ctx, conversationId, authorization);
  const rows = await listMessageRows(ctx.db, scopeOf(agent), conversationId, {
    limit: query.limit,
    cursor: decodeCursor(query.cursor),
  });
  return toPage(rows, query.limit, toChatMessage);
}

export async function setVisitorFeedback(
  ctx: PublicContext,
  conversationId: string,
  messageId: string,
  authorization: string | undefined,
  feedback: Feedback | null,
): Promise<void> {
  const { agent } = await requireVisitorConversation(ctx, conversationId, authorization);
  const updated = await setMessageFeedback(
    ctx.db,
    scopeOf(agent),
    conversationId,
    messageId,
    feedback,
  );
  if (!updated) throw notFound('Assistant message');
}

// Sending a message --------------------------------------------------------------------------------

/** A visitor's message, checked, with everything the reply needs. */
export type Turn = VisitorConversation & {
  scope: AgentScope;
  text: string;
  history: ChatTurn[];
  captureContext: CaptureContext;
  knownBefore: Extracted;
  fromText: Extracted;
  askedFor: string | null;
};

/**
 * Checks the token and access and extracts what the message says about the visitor. Every 4xx
 * is thrown here, before anything is stored or streamed.
 */
export async function beginTurn(
  ctx: PublicContext,
  conversationId: string,
  authorization: string | undefined,
  text: string,
): Promise<Turn> {
  const token = requireToken(authorization);
  const loaded = await loadTurn(ctx.db, conversationId, hashVisitorToken(token), HISTORY_SIZE);
  if (!loaded) throw notFound('Conversation');
  const { aiFields, captured, recent, ...found } = loaded;
  if (found.conversation.channel !== 'playground') admitVisitor(found.agent, found.visitor);
  const scope = scopeOf(found.agent);
  const captureContext = captureContextFor(found.agent, aiFields);
  const knownBefore = mergeExtracted(captured.map((c) => sanitizeCaptured(c, captureContext)));
  const lastAssistant = recent.findLast((m) => m.role === 'assistant');
  const askedFor = typeof lastAssistant?.askedFor === 'string' ? lastAssistant.askedFor : null;
  // The extractors always run, with or without a model: a safety net under the tool call.
  const fromText = sanitizeCaptured(
    extractDetails(text, { ...captureContext, askedFor, known: knownBefore }),
    captureContext,
  );
  return {
    ...found,
    scope,
    text,
    // Fallback apologies are not part of what the model should build on.
    history: [
      ...recent.filter((m) => m.status !== 'failed').map((m) => ({ role: m.role, text: m.text })),
      { role: 'user' as const, text },
    ],
    captureContext,
    knownBefore,
    fromText,
    askedFor,
  };
}

function userMessage(turn: Turn, captured: Extracted): NewMessage {
  return { role: 'user', text: turn.text, meta: isEmpty(captured) ? {} : { captured } };
}

/** Streamed word by word, so a widget sees the same events whichever assistant answers. */
function streamWords(text: string, onDelta: (text: string) => void): void {
  for (const piece of text.match(/\S+\s*|\s+/g) ?? []) onDelta(piece);
}

type Reply = {
  text: string;
  status: 'complete' | 'failed';
  captured: Extracted;
  meta: Record<string, unknown>;
};

async function llmReply(
  llm: LlmConfig,
  turn: Turn,
  onDelta: (text: string) => void,
  log: FastifyBaseLogger,
): Promise<Reply> {
  const tool = captureTool({
    builtIns: turn.captureContext.capture,
    fields: turn.captureContext.fields,
  });
  let streamed = '';
  try {
    const result = await streamLlmReply(llm, {
      model: turn.agent.model,
      system: systemPrompt(turn.agent.instructions, tool !== null),
      history: turn.history,
      tool,
      onDelta: (text) => {
        streamed += text;
        onDelta(text);
      },
    });
    const fromTool = mergeExtracted(
      result.toolArguments.map((args) => sanitizeCaptured(args, turn.captureContext)),
    );
    if (result.text.trim() === '') throw new Error('the model sent no text');
    return {
      text: result.text,
      status: 'complete',
      captured: mergeExtracted([turn.fromText, fromTool]),
      meta: {
        assistant: 'llm',
        model: result.model,
        toolCalls: result.toolArguments.length,
        ...(result.malformedToolCalls > 0 ? { malformedToolCalls: result.malformedToolCalls } : {}),
      },
    };
  } catch (error) {
    log.warn({ err: error, conversationId: turn.conversation.id }, 'the model did not answer');
    const tail = streamed.trim() === '' ? FALLBACK_REPLY : `\n\n${FALLBACK_REPLY}`;
    onDelta(tail);
    return {
      text: streamed.trim() === '' ? FALLBACK_REPLY : `${streamed}${tail}`,
      status: 'failed',
      captured: turn.fromText,
      meta: {
        assistant: 'llm',
        model: turn.agent.model ?? llm.model,
        error: error instanceof Error ? error.message.slice(0, 300) : 'unknown error',
      },
    };
  }
}

/**
 * Answers a visitor's message and stores both. With a model: the visitor's message is stored
 * first (never lost), then the model streams its reply (a polite fallback, status `failed`, when
 * it fails), then the reply is stored. With the rule-based assistant, which cannot fail, both are
 * stored in one statement. Then what was captured is saved to the CRM. Never throws for the
 * model's or the capture's sake.
 */
export async function completeTurn(
  ctx: PublicContext,
  turn: Turn,
  onDelta: (text: string) => void,
  log: FastifyBaseLogger,
): Promise<AssistantMessage> {
  const target = { conversationId: turn.conversation.id, visitorId: turn.visitor.id };
  const llm = ctx.config.llm;
  let reply: Reply;
  let assistantId: string;
  if (llm === null) {
    const answer = ruleBasedReply({
      agentName: turn.agent.name,
      welcomeMessage: turn.agent.welcomeMessage,
      history: turn.history,
      known: mergeExtracted([turn.knownBefore, turn.fromText]),
      justCaptured: newlyCaptured(turn.knownBefore, turn.fromText),
      ctx: { ...turn.captureContext, askedFor: turn.askedFor, known: turn.knownBefore },
    });
    reply = {
      text: answer.text,
      status: 'complete',
      captured: turn.fromText,
      meta: { assistant: 'rule-based', askedFor: answer.askedFor },
    };
    const [, stored] = await insertMessages(ctx.db, turn.scope, target, [
      userMessage(turn, turn.fromText),
      { role: 'assistant', text: reply.text, meta: reply.meta },
    ]);
    if (!stored) throw new Error('the reply was not stored');
    assistantId = stored.id;
    streamWords(reply.text, onDelta);
  } else {
    const [user] = await insertMessages(ctx.db, turn.scope, target, [
      userMessage(turn, turn.fromText),
    ]);
    if (!user) throw new Error('the message was not stored');
    reply = await llmReply(llm, turn, onDelta, log);
    if (reply.captured !== turn.fromText && !isEmpty(reply.captured)) {
      await updateMessageMeta(ctx.db, turn.scope, user.id, { captured: reply.captured });
    }
    const [stored] = await insertMessages(ctx.db, turn.scope, target, [
      { role: 'assistant', text: reply.text, status: reply.status, meta: reply.meta },
    ]);
    if (!stored) throw new Error('the reply was not stored');
    assistantId = stored.id;
  }
  try {
    await saveCapture(ctx.db, {
      scope: turn.scope,
      appUrl: ctx.config.appUrl,
      visitor: { id: turn.visitor.id, contactId: turn.visitor.contactId },
      known: mergeExtracted([turn.knownBefore, reply.captured]),
      justCaptured: newlyCaptured(turn.knownBefore, reply.captured),
    });
  } catch (error) {
    // The conversation is kept whatever happens to the capture; the values stay in the message.
    log.error({ err: error, conversationId: turn.conversation.id }, 'capture could not be saved');
  }
  return { id: assistantId, role: 'assistant', text: reply.text };
}
