import { z } from 'zod';
import { HttpProblem } from './problem';

/** A keyset position: the last row's creation time and id. */
const KeysetCursorSchema = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });
export type KeysetCursor = z.infer<typeof KeysetCursorSchema>;

/** The opaque cursor the API hands out for a keyset position. */
export function encodeOpaqueCursor(position: object): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** Reads a cursor this API issued for positions of `schema`; anything else is a 422 naming the `cursor` query parameter. */
export function decodeOpaqueCursor<S extends z.ZodType>(schema: S, cursor: string): z.infer<S> {
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // falls through to the 422 below
  }
  throw new HttpProblem(422, 'Invalid request', 'The cursor is not one this API issued.', {
    type: 'validation-error',
    errors: [{ location: 'query', path: ['cursor'], code: 'invalid_cursor', message: 'Unknown cursor' }],
  });
}

/** Reads a (createdAt, id) cursor this API issued. */
export function decodeCursor(cursor: string): KeysetCursor {
  return decodeOpaqueCursor(KeysetCursorSchema, cursor);
}

/** Splits a fetched `limit + 1` rows into the page and the next cursor (null on the last page). */
export function paginate<R extends { created_at: Date; id: string }>(rows: R[], limit: number): { page: R[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { page, nextCursor: rows.length > limit && last ? encodeOpaqueCursor({ createdAt: last.created_at.toISOString(), id: last.id }) : null };
}
