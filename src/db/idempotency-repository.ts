import type { Queryable } from './pool';

export interface IdempotencyKeyRow {
  api_key_id: string;
  idempotency_key: string;
  method: string | null;
  path: string | null;
  request_hash: string;
  state: 'in-progress' | 'completed';
  response_status: number | null;
  response_headers: Record<string, string> | null;
  response_body: unknown;
  created_at: Date;
  completed_at: Date | null;
  expires_at: Date;
}

/** Identifies one stored key: keys are scoped to the API key that sent them. */
export interface IdempotencyKeyId {
  apiKeyId: string;
  key: string;
}

/** Whether this call claimed the key (run the request) or found an earlier, unexpired claim (replay or refuse it). */
export interface IdempotencyClaim {
  claimed: boolean;
  row: IdempotencyKeyRow;
}

const CLAIM_ATTEMPTS = 5;

const COLUMNS = `api_key_id, idempotency_key, method, path, request_hash, state, response_status, response_headers, response_body,
  created_at, completed_at, expires_at`;

/**
 * Inserts an in-progress row for the key, or returns the existing unexpired row. An expired row is overwritten in
 * the same statement, so its key starts afresh; so is a claim of the same request left in progress for longer than
 * `leaseSeconds` (the process running it died: without this, every retry would answer 409 until the key expired, a
 * day later). Safe across processes: the primary key lets one caller win.
 */
export async function claimIdempotencyKey(
  client: Queryable,
  claim: IdempotencyKeyId & { method: string; path: string; requestHash: string; ttlHours: number; leaseSeconds: number },
): Promise<IdempotencyClaim> {
  // A row released or expired between the failed insert and the select is gone; the next round inserts again.
  for (let attempt = 1; attempt <= CLAIM_ATTEMPTS; attempt += 1) {
    const inserted = await client.query<IdempotencyKeyRow>(
      `INSERT INTO idempotency_keys (api_key_id, idempotency_key, method, path, request_hash, state, expires_at)
       VALUES ($1::uuid, $2, $3, $4, $5, 'in-progress', now() + make_interval(hours => $6::int))
       ON CONFLICT (api_key_id, idempotency_key) DO UPDATE
         SET method = EXCLUDED.method, path = EXCLUDED.path, request_hash = EXCLUDED.request_hash, state = 'in-progress',
             response_status = NULL, response_headers = NULL, response_body = NULL,
             created_at = now(), completed_at = NULL, expires_at = EXCLUDED.expires_at
         WHERE idempotency_keys.expires_at <= now()
            OR (idempotency_keys.state = 'in-progress' AND idempotency_keys.request_hash = EXCLUDED.request_hash
                AND idempotency_keys.created_at <= now() - make_interval(secs => $7::int))
       RETURNING ${COLUMNS}`,
      [claim.apiKeyId, claim.key, claim.method, claim.path, claim.requestHash, claim.ttlHours, claim.leaseSeconds],
    );
    if (inserted.rows[0]) return { claimed: true, row: inserted.rows[0] };
    // A separate statement: under READ COMMITTED it sees the row a concurrent claim committed after the insert began.
    const existing = await client.query<IdempotencyKeyRow>(
      `SELECT ${COLUMNS} FROM idempotency_keys WHERE api_key_id = $1::uuid AND idempotency_key = $2 AND expires_at > now()`,
      [claim.apiKeyId, claim.key],
    );
    if (existing.rows[0]) return { claimed: false, row: existing.rows[0] };
  }
  throw new Error(`claimIdempotencyKey: no stable row for the key after ${CLAIM_ATTEMPTS} attempts`);
}

/** Stores the response of a claimed key so retries replay it; false when the claim was no longer in progress. */
export async function completeIdempotencyKey(
  client: Queryable,
  done: IdempotencyKeyId & { requestHash: string; status: number; headers: Record<string, string>; body: unknown },
): Promise<boolean> {
  const { rowCount } = await client.query(
    `UPDATE idempotency_keys
     SET state = 'completed', response_status = $4::int, response_headers = $5::jsonb, response_body = $6::jsonb, completed_at = now()
     WHERE api_key_id = $1::uuid AND idempotency_key = $2 AND request_hash = $3 AND state = 'in-progress'`,
    [done.apiKeyId, done.key, done.requestHash, done.status, JSON.stringify(done.headers), JSON.stringify(done.body ?? null)],
  );
  return rowCount === 1;
}

/** Deletes an in-progress claim (the request failed without a storable answer) so the client may retry it. */
export async function releaseIdempotencyKey(client: Queryable, claim: IdempotencyKeyId & { requestHash: string }): Promise<boolean> {
  const { rowCount } = await client.query(
    `DELETE FROM idempotency_keys WHERE api_key_id = $1::uuid AND idempotency_key = $2 AND request_hash = $3 AND state = 'in-progress'`,
    [claim.apiKeyId, claim.key, claim.requestHash],
  );
  return rowCount === 1;
}

/** Deletes every expired key; returns how many. */
export async function deleteExpiredIdempotencyKeys(client: Queryable): Promise<number> {
  const { rowCount } = await client.query('DELETE FROM idempotency_keys WHERE expires_at <= now()');
  return rowCount ?? 0;
}
