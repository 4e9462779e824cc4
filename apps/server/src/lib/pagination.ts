import { AppError } from './errors';

export type Cursor = { createdAt: Date; id: string };

/** Keyset cursors on (created_at, id), opaque to clients. */
export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): Cursor | undefined {
  if (cursor === undefined) return undefined;
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(iso ?? '');
  if (!id || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new AppError('validation_failed', 'The cursor is not valid', {
      details: [{ path: 'cursor', message: 'Use the nextCursor value of the previous page' }],
    });
  }
  return { createdAt, id };
}

/** Rows are fetched with limit + 1; the extra row only tells that another page exists. */
export function toPage<T extends { createdAt: Date; id: string }, R>(
  rows: T[],
  limit: number,
  map: (row: T) => R,
): { data: R[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map(map),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}
