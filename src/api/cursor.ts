import { HttpProblem } from './problem';

/** A keyset position: the last row's creation time and id. */
export interface KeysetCursor {
  createdAt: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The opaque cursor the API hands out for a row. */
export function encodeCursor(row: { created_at: Date; id: string }): string {
  return Buffer.from(JSON.stringify({ createdAt: row.created_at.toISOString(), id: row.id })).toString('base64url');
}

/** Reads a cursor this API issued; anything else is a 422 naming the `cursor` query parameter. */
export function decodeCursor(cursor: string): KeysetCursor {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<KeysetCursor>;
    if (typeof parsed.createdAt === 'string' && !Number.isNaN(Date.parse(parsed.createdAt)) && typeof parsed.id === 'string' && UUID.test(parsed.id)) {
      return { createdAt: parsed.createdAt, id: parsed.id };
    }
  } catch {
    // falls through to the 422 below
  }
  throw new HttpProblem(422, 'Invalid request', 'The cursor is not one this API issued.', {
    type: 'validation-error',
    errors: [{ location: 'query', path: ['cursor'], code: 'invalid_cursor', message: 'Unknown cursor' }],
  });
}

/** Splits a fetched `limit + 1` rows into the page and the next cursor (null on the last page). */
export function paginate<R extends { created_at: Date; id: string }>(rows: R[], limit: number): { page: R[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { page, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
