import type { Note } from '@agent-crm/contracts';
import { desc, eq } from 'drizzle-orm';
import { contactNotes } from '../../db/schema';
import type { MemberContext } from '../../lib/context';
import { forbidden, invalidField, notFound } from '../../lib/errors';
import { inAgent } from '../../lib/tenant';
import { memberCrm, recordActivities, requireContactRow } from '../contacts/contacts.service';
import { hasText, sanitizeNoteHtml } from './sanitize';

type NoteRow = typeof contactNotes.$inferSelect;

function toNote(row: NoteRow): Note {
  return {
    id: row.id,
    html: row.html,
    authorId: row.authorId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function cleanHtml(html: string): string {
  const clean = sanitizeNoteHtml(html);
  if (!hasText(clean)) throw invalidField('html', 'Write something in the note');
  return clean;
}

async function contactScope(ctx: MemberContext, agentId: string, contactId: string) {
  const meta = await memberCrm(ctx, agentId);
  await requireContactRow(ctx.db, meta.scope, contactId);
  return meta.scope;
}

export async function listNotes(
  ctx: MemberContext,
  agentId: string,
  contactId: string,
): Promise<Note[]> {
  const scope = await contactScope(ctx, agentId, contactId);
  const rows = await ctx.db
    .select()
    .from(contactNotes)
    .where(inAgent(contactNotes, scope, eq(contactNotes.contactId, contactId)))
    .orderBy(desc(contactNotes.createdAt), desc(contactNotes.id))
    .limit(500);
  return rows.map(toNote);
}

/** Every member who may work in the agent can write notes; the HTML is sanitized before storing. */
export async function createNote(
  ctx: MemberContext,
  agentId: string,
  contactId: string,
  html: string,
): Promise<Note> {
  const scope = await contactScope(ctx, agentId, contactId);
  const clean = cleanHtml(html);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(contactNotes)
      .values({ ...scope, contactId, authorId: ctx.actor.userId, html: clean })
      .returning();
    if (!row) throw new Error('note insert returned nothing');
    await recordActivities(tx, scope, contactId, { kind: 'member', id: ctx.actor.userId }, [
      { kind: 'note_added', to: { noteId: row.id } },
    ]);
    return toNote(row);
  });
}

/** Authors change their own notes; Owners and Admins change any. */
async function requireEditableNote(
  ctx: MemberContext,
  agentId: string,
  contactId: string,
  noteId: string,
) {
  const scope = await contactScope(ctx, agentId, contactId);
  const [row] = await ctx.db
    .select()
    .from(contactNotes)
    .where(
      inAgent(
        contactNotes,
        scope,
        eq(contactNotes.contactId, contactId),
        eq(contactNotes.id, noteId),
      ),
    );
  if (!row) throw notFound('Note');
  if (ctx.actor.role === 'user' && row.authorId !== ctx.actor.userId) {
    throw forbidden('You can change only your own notes');
  }
  return { scope, row };
}

export async function updateNote(
  ctx: MemberContext,
  agentId: string,
  contactId: string,
  noteId: string,
  html: string,
): Promise<Note> {
  const { scope } = await requireEditableNote(ctx, agentId, contactId, noteId);
  const [row] = await ctx.db
    .update(contactNotes)
    .set({ html: cleanHtml(html) })
    .where(inAgent(contactNotes, scope, eq(contactNotes.id, noteId)))
    .returning();
  if (!row) throw notFound('Note');
  return toNote(row);
}

export async function deleteNote(
  ctx: MemberContext,
  agentId: string,
  contactId: string,
  noteId: string,
): Promise<void> {
  const { scope } = await requireEditableNote(ctx, agentId, contactId, noteId);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(contactNotes).where(inAgent(contactNotes, scope, eq(contactNotes.id, noteId)));
    await recordActivities(tx, scope, contactId, { kind: 'member', id: ctx.actor.userId }, [
      { kind: 'note_deleted', from: { noteId } },
    ]);
  });
}
