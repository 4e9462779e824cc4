import type { ContactFile } from '@agent-crm/contracts';
import { PassThrough, type Readable } from 'node:stream';
import { desc, eq } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import { agents, contactFiles } from '../../db/schema';
import type { MemberContext } from '../../lib/context';
import { AppError, forbidden, notFound } from '../../lib/errors';
import { inAgent, inOrgWhere } from '../../lib/tenant';
import { memberCrm, recordActivities, requireContactRow } from '../contacts/contacts.service';

type FileRow = typeof contactFiles.$inferSelect;

function toFile(row: FileRow): ContactFile {
  return {
    id: row.id,
    fileName: row.fileName,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    uploadedBy: row.uploadedBy,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Content types a browser would render or run if served inline; always downloaded as bytes. */
const NEVER_INLINE =
  /^(text\/html|image\/svg\+xml|application\/xhtml\+xml|text\/xml|application\/xml)/;

export type Upload = { fileName: string; stream: Readable };

/** Enough of a file's start for every signature file-type knows. */
const SNIFF_BYTES = 4_100;

/** A pass-through that remembers the first bytes, so the type is sniffed without a second read. */
function captureHead(limit: number) {
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = new PassThrough({
    transform(chunk: Buffer, _encoding, done) {
      if (size < limit) {
        chunks.push(chunk.subarray(0, limit - size));
        size += Math.min(chunk.length, limit - size);
      }
      done(null, chunk);
    },
  });
  return { stream, bytes: () => new Uint8Array(Buffer.concat(chunks)) };
}

/** Keeps only what is safe to echo back in a header and a listing: no paths, no control chars. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = Array.from(base)
    .filter((char) => char.charCodeAt(0) >= 0x20 && char.charCodeAt(0) !== 0x7f && char !== '"')
    .join('')
    .trim()
    .slice(0, 200);
  return clean || 'file';
}

export async function uploadLimitBytes(ctx: MemberContext, agentId: string): Promise<number> {
  const [row] = await ctx.db
    .select({ mb: agents.fileSizeLimitMb })
    .from(agents)
    .where(inOrgWhere(agents, ctx, eq(agents.id, agentId)));
  return (row?.mb ?? 25) * 1024 * 1024;
}

/**
 * Streams each upload to storage, sniffing its type from the first bytes, then records all of
 * them in one transaction. If any part fails (too large, aborted), the bytes already stored are
 * removed and no row is written.
 */
export async function saveUploads(
  ctx: MemberContext,
  agentId: string,
  contactId: string,
  uploads: AsyncIterable<Upload>,
): Promise<ContactFile[]> {
  const meta = await memberCrm(ctx, agentId);
  await requireContactRow(ctx.db, meta.scope, contactId);
  const stored: { key: string; sizeBytes: number; fileName: string; contentType: string }[] = [];
  try {
    for await (const upload of uploads) {
      const head = captureHead(SNIFF_BYTES);
      // pipe() does not pass errors on; an aborted or oversized upload must fail the write.
      upload.stream.on('error', (error) => head.stream.destroy(error));
      const { key, sizeBytes } = await ctx.storage.put(upload.stream.pipe(head.stream));
      stored.push({
        key,
        sizeBytes,
        fileName: cleanFileName(upload.fileName),
        contentType: 'application/octet-stream',
      });
      const detected = await fileTypeFromBuffer(head.bytes());
      const last = stored.at(-1);
      if (last && detected) last.contentType = detected.mime;
    }
    if (stored.length === 0) {
      throw new AppError('validation_failed', 'Choose at least one file', {
        details: [{ path: 'file', message: 'Choose at least one file' }],
      });
    }
    return await ctx.db.transaction(async (tx) => {
      const rows = await tx
        .insert(contactFiles)
        .values(
          stored.map((file) => ({
            ...meta.scope,
            contactId,
            uploadedBy: ctx.actor.userId,
            fileName: file.fileName,
            contentType: file.contentType,
            sizeBytes: file.sizeBytes,
            storageKey: file.key,
          })),
        )
        .returning();
      await recordActivities(
        tx,
        meta.scope,
        contactId,
        { kind: 'member', id: ctx.actor.userId },
        rows.map((row) => ({ kind: 'file_added', to: { fileId: row.id, fileName: row.fileName } })),
      );
      return rows.map(toFile);
    });
  } catch (error) {
    await Promise.all(stored.map((file) => ctx.storage.delete(file.key)));
    throw error;
  }
}

export async function listFiles(
  ctx: MemberContext,
  agentId: string,
  contactId: string,
): Promise<ContactFile[]> {
  const meta = await memberCrm(ctx, agentId);
  await requireContactRow(ctx.db, meta.scope, contactId);
  const rows = await ctx.db
    .select()
    .from(contactFiles)
    .where(inAgent(contactFiles, meta.scope, eq(contactFiles.contactId, contactId)))
    .orderBy(desc(contactFiles.createdAt), desc(contactFiles.id))
    .limit(1000);
  return rows.map(toFile);
}

async function requireFile(ctx: MemberContext, agentId: string, contactId: string, fileId: string) {
  const meta = await memberCrm(ctx, agentId);
  const [row] = await ctx.db
    .select()
    .from(contactFiles)
    .where(
      inAgent(
        contactFiles,
        meta.scope,
        eq(contactFiles.contactId, contactId),
        eq(contactFiles.id, fileId),
      ),
    );
  if (!row) throw notFound('File');
  return { scope: meta.scope, row };
}

export async function openFile(
  ctx: MemberContext,
  agentId: string,
  contactId: string,
  fileId: string,
) {
  const { row } = await requireFile(ctx, agentId, contactId, fileId);
  return {
    file: toFile(row),
    // Served as an attachment in every case; markup types are not even labelled as such.
    contentType: NEVER_INLINE.test(row.contentType) ? 'application/octet-stream' : row.contentType,
    stream: await ctx.storage.get(row.storageKey),
  };
}

export async function deleteFile(
  ctx: MemberContext,
  agentId: string,
  contactId: string,
  fileId: string,
): Promise<void> {
  const { scope, row } = await requireFile(ctx, agentId, contactId, fileId);
  if (ctx.actor.role === 'user' && row.uploadedBy !== ctx.actor.userId) {
    throw forbidden('You can delete only files you uploaded');
  }
  await ctx.db.transaction(async (tx) => {
    await tx.delete(contactFiles).where(inAgent(contactFiles, scope, eq(contactFiles.id, fileId)));
    await recordActivities(tx, scope, contactId, { kind: 'member', id: ctx.actor.userId }, [
      { kind: 'file_deleted', from: { fileId, fileName: row.fileName } },
    ]);
  });
  await ctx.storage.delete(row.storageKey);
}
