import { z } from 'zod';

export const IdSchema = z.uuid();

export const TimestampSchema = z.iso.datetime({ offset: true });

export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(200).optional(),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() });
}

/** A trimmed, non-empty human text of bounded length. */
export function text(max: number, min = 1) {
  return z.string().trim().min(min).max(max);
}

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'Enter a valid email address' }));
