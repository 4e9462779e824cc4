import type { OutboxEmail } from '@agent-crm/contracts';
import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config';
import type { Db, DbOrTx } from '../../db/client';
import { emails } from '../../db/schema';
import type { MemberContext } from '../../lib/context';
import { notFound } from '../../lib/errors';
import { decodeCursor, toPage } from '../../lib/pagination';
import { afterCursor, inOrgWhere } from '../../lib/tenant';

export type Mail = { organizationId: string | null; to: string; subject: string; text: string };

export type Mailer = {
  /** Records the mail in the same transaction as the change that caused it. */
  enqueue: (tx: DbOrTx, mail: Mail) => Promise<string>;
  /** Sends what is queued; safe to call from any process at any time. */
  deliverQueued: () => Promise<number>;
  close: () => void;
};

const BATCH = 20;
const MAX_ATTEMPTS = 5;

/**
 * Mails are rows first. With SMTP configured they are queued and sent after the transaction
 * commits (and retried by the periodic sweep); without it they stay in the outbox the admin app
 * shows.
 */
export function createMailer(options: { db: Db; config: Config; log: FastifyBaseLogger }): Mailer {
  const { db, config, log } = options;
  const transport: Transporter | undefined = config.smtpUrl
    ? nodemailer.createTransport(config.smtpUrl)
    : undefined;

  async function deliverQueued(): Promise<number> {
    if (!transport) {
      // Mails queued inside other transactions (assignment notices) wait in the outbox instead.
      await db.update(emails).set({ status: 'outbox' }).where(eq(emails.status, 'queued'));
      return 0;
    }
    let sent = 0;
    for (;;) {
      const batch = await db.transaction(async (tx) => {
        const rows = await tx
          .select()
          .from(emails)
          .where(
            and(inArray(emails.status, ['queued', 'failed']), lt(emails.attempts, MAX_ATTEMPTS)),
          )
          .orderBy(asc(emails.createdAt))
          .limit(BATCH)
          .for('update', { skipLocked: true });
        for (const row of rows) {
          try {
            await transport.sendMail({
              from: config.mailFrom,
              to: row.to,
              subject: row.subject,
              text: row.text,
            });
            await tx
              .update(emails)
              .set({
                status: 'sent',
                sentAt: new Date(),
                error: null,
                attempts: sql`${emails.attempts} + 1`,
              })
              .where(eq(emails.id, row.id));
            sent++;
          } catch (error) {
            log.warn({ emailId: row.id, err: error }, 'mail delivery failed');
            await tx
              .update(emails)
              .set({
                status: 'failed',
                error: error instanceof Error ? error.message : 'failed',
                attempts: sql`${emails.attempts} + 1`,
              })
              .where(eq(emails.id, row.id));
          }
        }
        return rows;
      });
      // Failed rows are retried by the next sweep, not in this loop.
      if (batch.length < BATCH || batch.every((row) => row.status === 'failed')) return sent;
    }
  }

  return {
    async enqueue(tx, mail) {
      const [row] = await tx
        .insert(emails)
        .values({ ...mail, status: transport ? 'queued' : 'outbox' })
        .returning({ id: emails.id });
      if (!row) throw new Error('email insert returned nothing');
      return row.id;
    },
    deliverQueued,
    close: () => transport?.close(),
  };
}

type EmailRow = typeof emails.$inferSelect;

function toOutboxEmail(row: EmailRow): OutboxEmail {
  return {
    id: row.id,
    to: row.to,
    subject: row.subject,
    text: row.text,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listOutbox(
  ctx: MemberContext,
  query: { limit: number; cursor?: string | undefined },
) {
  const rows = await ctx.db
    .select()
    .from(emails)
    .where(inOrgWhere(emails, ctx, afterCursor(emails, decodeCursor(query.cursor), 'desc')))
    .orderBy(desc(emails.createdAt), desc(emails.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, toOutboxEmail);
}

export async function getOutboxEmail(ctx: MemberContext, emailId: string): Promise<OutboxEmail> {
  const [row] = await ctx.db
    .select()
    .from(emails)
    .where(inOrgWhere(emails, ctx, eq(emails.id, emailId)));
  if (!row) throw notFound('Email');
  return toOutboxEmail(row);
}
