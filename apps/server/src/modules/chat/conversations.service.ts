import type {
  ChatPeopleQuery,
  ChatPerson,
  ContactConversation,
  Conversation,
  ConversationListQuery,
  ConversationStarted,
  MemberChatMessage,
  MessageListQuery,
} from '@agent-crm/contracts';
import type { MemberContext } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { decodeCursor, toPage } from '../../lib/pagination';
import type { AgentScope } from '../../lib/tenant';
import { findAgentRow } from '../agents/agents.service';
import { memberCrm } from '../contacts/contacts.service';
import { startPlayground, toChatMessage } from './chat.service';
import {
  contactExists,
  findConversationRow,
  listConversationRows,
  listMessageRows,
  listPeopleRows,
  type ConversationRow,
  type PeopleCursor,
} from './chat.repo';

/** The agent's scope, once this member is known to work in it (404 otherwise). */
async function memberScope(ctx: MemberContext, agentId: string): Promise<AgentScope> {
  return (await memberCrm(ctx, agentId)).scope;
}

function encodePeopleCursor(row: PeopleCursor): string {
  return Buffer.from(`${row.lastAt.toISOString()}|${row.key}`).toString('base64url');
}

function decodePeopleCursor(cursor: string | undefined): PeopleCursor | undefined {
  if (cursor === undefined) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const bar = text.indexOf('|');
  const lastAt = new Date(text.slice(0, bar));
  const key = text.slice(bar + 1);
  if (bar < 0 || Number.isNaN(lastAt.getTime()) || !/^(contact|visitor):[0-9a-f-]{36}$/.test(key)) {
    throw new AppError('validation_failed', 'The cursor is not valid', {
      details: [{ path: 'cursor', message: 'Use the nextCursor value of the previous page' }],
    });
  }
  return { lastAt, key };
}

/** People who talked to the agent, newest activity first: contacts, and anonymous visitors. */
export async function listChatPeople(
  ctx: MemberContext,
  agentId: string,
  query: ChatPeopleQuery,
): Promise<{ data: ChatPerson[]; nextCursor: string | null }> {
  const scope = await memberScope(ctx, agentId);
  const rows = await listPeopleRows(ctx.searchDb, scope, {
    q: query.q === '' ? undefined : query.q,
    limit: query.limit,
    cursor: decodePeopleCursor(query.cursor),
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    data: page.map((row) => ({
      key: row.key,
      contactId: row.contactId,
      visitorId: row.visitorId,
      name: row.name ?? row.email ?? row.phone ?? 'Anonymous',
      email: row.email,
      phone: row.phone,
      lastMessageAt: row.lastAt.toISOString(),
      conversationCount: row.conversationCount,
    })),
    nextCursor: rows.length > query.limit && last ? encodePeopleCursor(last) : null,
  };
}

function toConversation(row: ConversationRow): Conversation {
  return {
    id: row.id,
    contactId: row.contactId,
    visitorId: row.visitorId,
    channel: row.channel,
    startedAt: row.createdAt.toISOString(),
    lastMessageAt: row.lastMessageAt?.toISOString() ?? null,
    messageCount: row.messageCount,
  };
}

export async function listConversations(
  ctx: MemberContext,
  agentId: string,
  query: ConversationListQuery,
): Promise<{ data: Conversation[]; nextCursor: string | null }> {
  const scope = await memberScope(ctx, agentId);
  const rows = await listConversationRows(ctx.searchDb, scope, {
    contactId: query.contactId,
    visitorId: query.visitorId,
    limit: query.limit,
    cursor: decodeCursor(query.cursor),
  });
  return toPage(rows, query.limit, toConversation);
}

/** The contact's Chat tab: their conversations, newest first (404 for another agent's contact). */
export async function listContactConversations(
  ctx: MemberContext,
  agentId: string,
  contactId: string,
  query: { limit: number; cursor?: string | undefined },
): Promise<{ data: ContactConversation[]; nextCursor: string | null }> {
  const scope = await memberScope(ctx, agentId);
  if (!(await contactExists(ctx.db, scope, contactId))) throw notFound('Contact');
  const rows = await listConversationRows(ctx.searchDb, scope, {
    contactId,
    visitorId: undefined,
    limit: query.limit,
    cursor: decodeCursor(query.cursor),
  });
  return toPage(rows, query.limit, (row) => {
    const { id, startedAt, lastMessageAt, messageCount } = toConversation(row);
    return { id, startedAt, lastMessageAt, messageCount };
  });
}

/** The transcript with what each message captured, oldest first. */
export async function listConversationMessages(
  ctx: MemberContext,
  agentId: string,
  conversationId: string,
  query: MessageListQuery,
): Promise<{ data: MemberChatMessage[]; nextCursor: string | null }> {
  const scope = await memberScope(ctx, agentId);
  if (!(await findConversationRow(ctx.db, scope, conversationId))) throw notFound('Conversation');
  const rows = await listMessageRows(ctx.db, scope, conversationId, {
    limit: query.limit,
    cursor: decodeCursor(query.cursor),
  });
  return toPage(rows, query.limit, (row) => ({
    ...toChatMessage(row),
    status: row.status,
    meta: row.meta,
  }));
}

/** A playground conversation for any member who may work in the agent, whatever its access. */
export async function startPlaygroundConversation(
  ctx: MemberContext,
  agentId: string,
): Promise<ConversationStarted> {
  const agent = await findAgentRow(ctx, agentId);
  if (!agent) throw notFound('Agent');
  return startPlayground(ctx, agent, ctx.actor.userId);
}
