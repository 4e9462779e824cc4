import { FieldTypeSchema, type ChatChannel, type Feedback } from '@agent-crm/contracts';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import { agents, contacts, conversations, messages, visitors } from '../../db/schema';
import { newId } from '../../lib/ids';
import type { Cursor } from '../../lib/pagination';
import { afterCursor, inAgent, type AgentScope } from '../../lib/tenant';

export type AgentRow = typeof agents.$inferSelect;
export type VisitorRow = typeof visitors.$inferSelect;
export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;

/**
 * The public entry point: an agent by its id alone. The widget knows no tenant; every query
 * after this one is scoped by the agent's organization and id.
 */
export async function findAgentById(db: DbOrTx, agentId: string): Promise<AgentRow | null> {
  const [row] = await db.select().from(agents).where(eq(agents.id, agentId));
  return row ?? null;
}

/** A bearer token's visitor, by the SHA-256 of the token (the only form it is stored in). */
export async function findVisitorByTokenHash(
  db: DbOrTx,
  tokenHash: string,
): Promise<VisitorRow | null> {
  const [row] = await db.select().from(visitors).where(eq(visitors.tokenHash, tokenHash));
  return row ?? null;
}

export async function insertVisitor(
  db: DbOrTx,
  scope: AgentScope,
  values: { tokenHash: string; memberId: string | null },
): Promise<VisitorRow> {
  const [row] = await db
    .insert(visitors)
    .values({ ...scope, ...values })
    .returning();
  if (!row) throw new Error('visitor insert returned nothing');
  return row;
}

export async function insertConversation(
  db: DbOrTx,
  scope: AgentScope,
  values: { visitorId: string; contactId: string | null; channel: ChatChannel },
): Promise<ConversationRow> {
  const [row] = await db
    .insert(conversations)
    .values({ ...scope, ...values })
    .returning();
  if (!row) throw new Error('conversation insert returned nothing');
  return row;
}

/**
 * A conversation with its visitor and agent, found by the conversation id and the visitor's
 * token hash together: another visitor's conversation is simply not there.
 */
export async function findVisitorConversation(
  db: DbOrTx,
  conversationId: string,
  tokenHash: string,
): Promise<{ conversation: ConversationRow; visitor: VisitorRow; agent: AgentRow } | null> {
  const [row] = await db
    .select({ conversation: conversations, visitor: visitors, agent: agents })
    .from(conversations)
    .innerJoin(
      visitors,
      and(
        eq(visitors.id, conversations.visitorId),
        eq(visitors.organizationId, conversations.organizationId),
      ),
    )
    .innerJoin(
      agents,
      and(
        eq(agents.id, conversations.agentId),
        eq(agents.organizationId, conversations.organizationId),
      ),
    )
    .where(and(eq(conversations.id, conversationId), eq(visitors.tokenHash, tokenHash)));
  return row ?? null;
}

const TurnExtrasSchema = z.object({
  aiFields: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      type: FieldTypeSchema,
      options: z.array(z.string()),
    }),
  ),
  captured: z.array(z.unknown()),
  recent: z.array(
    z.object({
      role: z.enum(['user', 'assistant']),
      text: z.string(),
      status: z.enum(['complete', 'failed']),
      askedFor: z.unknown(),
    }),
  ),
});
export type TurnExtras = z.infer<typeof TurnExtrasSchema>;

/**
 * Everything a visitor's message needs, in one round trip: the conversation with its visitor and
 * agent (found by id and token hash together, as `findVisitorConversation`), the agent's
 * Allow-for-AI fields, what the visitor's earlier messages captured, and the last messages.
 */
export async function loadTurn(
  db: DbOrTx,
  conversationId: string,
  tokenHash: string,
  historySize: number,
): Promise<
  ({ conversation: ConversationRow; visitor: VisitorRow; agent: AgentRow } & TurnExtras) | null
> {
  const [row] = await db
    .select({
      conversation: conversations,
      visitor: visitors,
      agent: agents,
      aiFields: sql<unknown>`(
        SELECT coalesce(json_agg(json_build_object(
                 'key', f.key, 'label', f.label, 'type', f.type, 'options', f.options
               ) ORDER BY f.position, f.created_at), '[]'::json)
          FROM custom_fields f
         WHERE f.organization_id = ${conversations.organizationId}
           AND f.agent_id = ${conversations.agentId}
           AND f.allow_for_ai)`,
      captured: sql<unknown>`(
        SELECT coalesce(json_agg(m.meta -> 'captured' ORDER BY m.created_at, m.id), '[]'::json)
          FROM messages m
          JOIN conversations vc
            ON vc.id = m.conversation_id AND vc.organization_id = m.organization_id
         WHERE vc.visitor_id = ${visitors.id}
           AND m.organization_id = ${conversations.organizationId}
           AND m.agent_id = ${conversations.agentId}
           AND m.role = 'user'
           AND m.meta ? 'captured')`,
      recent: sql<unknown>`(
        SELECT coalesce(json_agg(json_build_object(
                 'role', r.role, 'text', r.text, 'status', r.status, 'askedFor', r.meta -> 'askedFor'
               ) ORDER BY r.created_at, r.id), '[]'::json)
          FROM (SELECT rm.role, rm.text, rm.status, rm.meta, rm.created_at, rm.id
                  FROM messages rm
                 WHERE rm.organization_id = ${conversations.organizationId}
                   AND rm.agent_id = ${conversations.agentId}
                   AND rm.conversation_id = ${conversations.id}
                 ORDER BY rm.created_at DESC, rm.id DESC
                 LIMIT ${historySize}) r)`,
    })
    .from(conversations)
    .innerJoin(
      visitors,
      and(
        eq(visitors.id, conversations.visitorId),
        eq(visitors.organizationId, conversations.organizationId),
      ),
    )
    .innerJoin(
      agents,
      and(
        eq(agents.id, conversations.agentId),
        eq(agents.organizationId, conversations.organizationId),
      ),
    )
    .where(and(eq(conversations.id, conversationId), eq(visitors.tokenHash, tokenHash)));
  if (!row) return null;
  const extras = TurnExtrasSchema.parse(row);
  return { conversation: row.conversation, visitor: row.visitor, agent: row.agent, ...extras };
}

export type NewMessage = {
  role: 'user' | 'assistant';
  text: string;
  status?: 'complete' | 'failed';
  meta: Record<string, unknown>;
};

/**
 * Stores messages (in order) and counts them on their conversation — one statement, so one
 * round trip and one commit: a message is never stored without being counted, or the reverse.
 */
export async function insertMessages(
  db: DbOrTx,
  scope: AgentScope,
  target: { conversationId: string; visitorId: string },
  list: NewMessage[],
): Promise<{ id: string; createdAt: Date }[]> {
  const start = Date.now();
  // A millisecond apart, so (created_at, id) orders a visitor's message before its reply.
  const rows = list.map((message, index) => ({
    id: newId(),
    createdAt: new Date(start + index),
    ...message,
  }));
  const last = rows.at(-1)?.createdAt ?? new Date(start);
  const values = sql.join(
    rows.map(
      (row) =>
        sql`(${row.id}::uuid, ${scope.organizationId}::uuid, ${scope.agentId}::uuid, ${target.conversationId}::uuid, ${row.role}, ${row.text}, ${row.status ?? 'complete'}, ${JSON.stringify(row.meta)}::jsonb, ${row.createdAt.toISOString()}::timestamptz)`,
    ),
    sql`, `,
  );
  const seenVisitor = list.some((message) => message.role === 'user');
  await db.execute(sql`
    WITH inserted AS (
      INSERT INTO messages
        (id, organization_id, agent_id, conversation_id, role, text, status, meta, created_at)
      VALUES ${values}
      RETURNING id
    ), counted AS (
      UPDATE conversations
         SET message_count = message_count + ${rows.length},
             last_message_at = ${last.toISOString()}::timestamptz
       WHERE organization_id = ${scope.organizationId}
         AND agent_id = ${scope.agentId}
         AND id = ${target.conversationId}
    ), seen AS (
      UPDATE visitors SET last_seen_at = ${last.toISOString()}::timestamptz
       WHERE ${seenVisitor}
         AND organization_id = ${scope.organizationId}
         AND agent_id = ${scope.agentId}
         AND id = ${target.visitorId}
    )
    SELECT count(*) FROM inserted
  `);
  return rows.map((row) => ({ id: row.id, createdAt: row.createdAt }));
}

export async function updateMessageMeta(
  db: DbOrTx,
  scope: AgentScope,
  messageId: string,
  meta: Record<string, unknown>,
): Promise<void> {
  await db
    .update(messages)
    .set({ meta: sql`${messages.meta} || ${JSON.stringify(meta)}::jsonb` })
    .where(inAgent(messages, scope, eq(messages.id, messageId)));
}

/** Oldest first, keyset pages on (created_at, id). */
export async function listMessageRows(
  db: DbOrTx,
  scope: AgentScope,
  conversationId: string,
  page: { limit: number; cursor: Cursor | undefined },
): Promise<MessageRow[]> {
  return db
    .select()
    .from(messages)
    .where(
      inAgent(
        messages,
        scope,
        eq(messages.conversationId, conversationId),
        afterCursor(messages, page.cursor, 'asc'),
      ),
    )
    .orderBy(asc(messages.createdAt), asc(messages.id))
    .limit(page.limit + 1);
}

/** Feedback on an assistant message of this conversation; false when there is no such message. */
export async function setMessageFeedback(
  db: DbOrTx,
  scope: AgentScope,
  conversationId: string,
  messageId: string,
  feedback: Feedback | null,
): Promise<boolean> {
  const rows = await db
    .update(messages)
    .set({ feedback })
    .where(
      inAgent(
        messages,
        scope,
        eq(messages.id, messageId),
        eq(messages.conversationId, conversationId),
        eq(messages.role, 'assistant'),
      ),
    )
    .returning({ id: messages.id });
  return rows.length > 0;
}

/** Ties the visitor and every conversation of theirs to the contact. */
export async function linkVisitorToContact(
  db: DbOrTx,
  scope: AgentScope,
  visitorId: string,
  contactId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(visitors)
      .set({ contactId })
      .where(inAgent(visitors, scope, eq(visitors.id, visitorId)));
    await tx
      .update(conversations)
      .set({ contactId })
      .where(inAgent(conversations, scope, eq(conversations.visitorId, visitorId)));
  });
}

// Member views ------------------------------------------------------------------------------------

export type PersonRow = {
  key: string;
  contactId: string | null;
  visitorId: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  lastAt: Date;
  conversationCount: number;
};

export type PeopleCursor = { lastAt: Date; key: string };

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * One row per contact (all their visitors' conversations together) or per unidentified visitor,
 * newest activity first. Conversations without a message are left out.
 */
export async function listPeopleRows(
  db: DbOrTx,
  scope: AgentScope,
  query: { q: string | undefined; limit: number; cursor: PeopleCursor | undefined },
): Promise<PersonRow[]> {
  const search = query.q ? `%${escapeLike(query.q.toLowerCase())}%` : null;
  const result = await db.execute<{
    key: string;
    contact_id: string | null;
    visitor_id: string | null;
    name: string | null;
    email: string | null;
    phone: string | null;
    last_at: Date;
    conversation_count: number;
  }>(sql`
    WITH people AS (
      SELECT
        CASE WHEN c.contact_id IS NOT NULL THEN 'contact:' || c.contact_id
             ELSE 'visitor:' || c.visitor_id END AS key,
        c.contact_id,
        CASE WHEN c.contact_id IS NULL THEN c.visitor_id END AS visitor_id,
        max(coalesce(c.last_message_at, c.created_at)) AS last_at,
        count(*)::int AS conversation_count
      FROM conversations c
      WHERE c.organization_id = ${scope.organizationId}
        AND c.agent_id = ${scope.agentId}
        AND c.message_count > 0
      GROUP BY 1, 2, 3
    )
    SELECT p.key, p.contact_id, p.visitor_id, p.last_at, p.conversation_count,
           ct.name, ct.email, ct.phone
    FROM people p
    LEFT JOIN contacts ct
      ON ct.id = p.contact_id
     AND ct.organization_id = ${scope.organizationId}
     AND ct.agent_id = ${scope.agentId}
    WHERE TRUE
      ${search ? sql`AND (lower(ct.name) LIKE ${search} OR ct.email LIKE ${search})` : sql``}
      ${query.cursor ? sql`AND (p.last_at, p.key) < (${query.cursor.lastAt.toISOString()}::timestamptz, ${query.cursor.key})` : sql``}
    ORDER BY p.last_at DESC, p.key DESC
    LIMIT ${query.limit + 1}
  `);
  return result.rows.map((row) => ({
    key: row.key,
    contactId: row.contact_id,
    visitorId: row.visitor_id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    lastAt: new Date(row.last_at),
    conversationCount: row.conversation_count,
  }));
}

export async function listConversationRows(
  db: DbOrTx,
  scope: AgentScope,
  query: {
    contactId: string | undefined;
    visitorId: string | undefined;
    limit: number;
    cursor: Cursor | undefined;
  },
): Promise<ConversationRow[]> {
  return db
    .select()
    .from(conversations)
    .where(
      inAgent(
        conversations,
        scope,
        query.contactId ? eq(conversations.contactId, query.contactId) : undefined,
        query.visitorId ? eq(conversations.visitorId, query.visitorId) : undefined,
        afterCursor(conversations, query.cursor, 'desc'),
      ),
    )
    .orderBy(desc(conversations.createdAt), desc(conversations.id))
    .limit(query.limit + 1);
}

export async function findConversationRow(
  db: DbOrTx,
  scope: AgentScope,
  conversationId: string,
): Promise<ConversationRow | null> {
  const [row] = await db
    .select()
    .from(conversations)
    .where(inAgent(conversations, scope, eq(conversations.id, conversationId)));
  return row ?? null;
}

export async function contactExists(
  db: DbOrTx,
  scope: AgentScope,
  contactId: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(inAgent(contacts, scope, eq(contacts.id, contactId)));
  return row !== undefined;
}

/**
 * For erasing a contact (data-protection requests): the details their messages captured are
 * forgotten, so a later message cannot bring the erased contact back from them. To be called in
 * the erase transaction, before the contact row goes (which unlinks the conversations).
 */
export async function forgetCapturedDetails(
  db: DbOrTx,
  scope: AgentScope,
  contactId: string,
): Promise<void> {
  await db.execute(sql`
    UPDATE messages m
       SET meta = m.meta - 'captured'
      FROM conversations c
     WHERE c.id = m.conversation_id
       AND c.organization_id = ${scope.organizationId}
       AND c.agent_id = ${scope.agentId}
       AND c.contact_id = ${contactId}
       AND m.organization_id = ${scope.organizationId}
       AND m.agent_id = ${scope.agentId}
       AND m.meta ? 'captured'
  `);
}
