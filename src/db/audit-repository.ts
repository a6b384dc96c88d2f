import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { Queryable } from './pool';

/** What links the first event of an incident: 64 zeros. */
export const GENESIS_PREV_HASH = '0'.repeat(64);

/** An event to append to an incident's audit trail. */
export interface AuditEventInput {
  incidentId: string;
  /** ISO 8601 instant; stored and hashed in UTC with milliseconds. */
  occurredAt: string;
  actor: AuditActor;
  eventType: string;
  payload: Record<string, unknown>;
  /** Unique across all incidents: a retry with the same key appends nothing. */
  idempotencyKey: string;
}

export interface AuditActor {
  keyId: string | null;
  name: string;
  role: string;
  /** A person's OIDC subject; absent for API keys and the engine's own actors. */
  subject?: string | null;
}

/** The content one hash covers, besides the previous hash. */
export interface AuditEventContent {
  incidentId: string;
  seq: number;
  occurredAt: string;
  actor: AuditActor;
  eventType: string;
  payload: Record<string, unknown>;
}

/** An audit_events row as PostgreSQL returns it (bigint → string, timestamptz → Date). */
export interface AuditEventRow {
  id: string;
  incident_id: string;
  seq: number;
  occurred_at: Date;
  actor_key_id: string | null;
  actor_name: string;
  actor_role: string;
  actor_subject: string | null;
  event_type: string;
  payload: Record<string, unknown>;
  idempotency_key: string;
  prev_hash: string;
  hash: string;
}

/** One entry of an incident's timeline, with the hashes that let anyone re-verify it. */
export interface AuditEvent {
  id: string;
  incidentId: string;
  seq: number;
  occurredAt: string;
  actor: Required<AuditActor>;
  eventType: string;
  payload: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export type AuditChainBreak = 'hash-mismatch' | 'prev-hash-mismatch' | 'seq-gap';

export interface AuditChainVerification {
  valid: boolean;
  /** Rows examined, the broken one included. */
  checked: number;
  firstBroken?: { seq: number; id: string; reason: AuditChainBreak };
}

/** An idempotency key already used for an event of another incident. */
export class AuditIdempotencyKeyReusedError extends Error {
  constructor(
    readonly idempotencyKey: string,
    readonly incidentId: string,
    readonly existingIncidentId: string,
  ) {
    super(`Idempotency key ${idempotencyKey} already recorded an audit event of incident ${existingIncidentId}`);
    this.name = 'AuditIdempotencyKeyReusedError';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VERIFY_PAGE_SIZE = 1000;

/**
 * SHA-256 (lowercase hex) of `prevHash + '\n' + canonicalJson(content)`, where content is
 * `{ incidentId, seq, occurredAt, actor: { keyId, name, role[, subject] }, eventType, payload }` with both uuids in lowercase
 * (PostgreSQL's text form) and occurredAt as `new Date(occurredAt).toISOString()` (UTC, milliseconds).
 * The row's id, idempotency key and hashes are not content: a verifier needs only what is listed here.
 */
export function hashAuditEvent(prevHash: string, event: AuditEventContent): string {
  const content = canonicalJson({
    incidentId: event.incidentId.toLowerCase(),
    seq: event.seq,
    occurredAt: new Date(event.occurredAt).toISOString(),
    // A person's subject is hashed when there is one; events without one hash as they did before it existed.
    actor: { keyId: event.actor.keyId?.toLowerCase() ?? null, name: event.actor.name, role: event.actor.role, ...(event.actor.subject ? { subject: event.actor.subject } : {}) },
    eventType: event.eventType,
    payload: event.payload,
  });
  return createHash('sha256').update(`${prevHash}\n${content}`, 'utf8').digest('hex');
}

/**
 * Appends one event to the incident's chain, or returns the event already recorded under its idempotency key.
 * Call it inside a READ COMMITTED transaction the caller owns: the advisory lock taken here serializes appends
 * to one incident until that transaction ends. Without it, a concurrent append fails on
 * audit_events_incident_seq_key instead of forking the chain.
 */
export async function appendAuditEvent(
  client: Queryable,
  event: AuditEventInput,
): Promise<{ appended: boolean; seq: number; hash: string }> {
  for (const id of [event.incidentId, event.actor.keyId]) {
    // PostgreSQL accepts other spellings of a uuid but returns this one; the hash must match what it returns.
    if (id !== null && !UUID.test(id)) throw new TypeError(`Not a uuid in canonical form: ${id}`);
  }
  const occurredAt = new Date(event.occurredAt).toISOString();

  await lockIncidentAudit(client, event.incidentId);
  const existing = await findAuditEventByIdempotencyKey(client, event.idempotencyKey);
  if (existing) {
    if (existing.incident_id !== event.incidentId.toLowerCase()) {
      throw new AuditIdempotencyKeyReusedError(event.idempotencyKey, event.incidentId, existing.incident_id);
    }
    return { appended: false, seq: existing.seq, hash: existing.hash };
  }

  const last = await findLastAuditLink(client, event.incidentId);
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_PREV_HASH;
  const hash = hashAuditEvent(prevHash, { ...event, seq, occurredAt });
  await insertAuditEvent(client, { ...event, occurredAt, seq, prevHash, hash });
  return { appended: true, seq, hash };
}

/** Serializes appends to one incident's chain for the rest of the transaction. */
async function lockIncidentAudit(client: Queryable, incidentId: string): Promise<void> {
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('audit:' || $1::text))`, [incidentId.toLowerCase()]);
}

async function findAuditEventByIdempotencyKey(
  client: Queryable,
  idempotencyKey: string,
): Promise<Pick<AuditEventRow, 'incident_id' | 'seq' | 'hash'> | undefined> {
  const { rows } = await client.query<Pick<AuditEventRow, 'incident_id' | 'seq' | 'hash'>>(
    'SELECT incident_id, seq, hash FROM audit_events WHERE idempotency_key = $1::text',
    [idempotencyKey],
  );
  return rows[0];
}

async function findLastAuditLink(client: Queryable, incidentId: string): Promise<Pick<AuditEventRow, 'seq' | 'hash'> | undefined> {
  const { rows } = await client.query<Pick<AuditEventRow, 'seq' | 'hash'>>(
    'SELECT seq, hash FROM audit_events WHERE incident_id = $1::uuid ORDER BY seq DESC LIMIT 1',
    [incidentId],
  );
  return rows[0];
}

/** The newest entry of an incident's chain, or undefined before its first. */
export async function findAuditHead(client: Queryable, incidentId: string): Promise<{ seq: number; hash: string } | undefined> {
  return findLastAuditLink(client, incidentId);
}

/** Whether the chain still holds the entry the workflow last recorded: a missing one means rows were removed from its end. */
export async function holdsAuditEntry(client: Queryable, incidentId: string, head: { seq: number; hash: string }): Promise<boolean> {
  const { rows } = await client.query('SELECT 1 FROM audit_events WHERE incident_id = $1::uuid AND seq = $2::int AND hash = $3::text', [incidentId, head.seq, head.hash]);
  return rows.length > 0;
}

async function insertAuditEvent(
  client: Queryable,
  event: AuditEventInput & { seq: number; prevHash: string; hash: string },
): Promise<void> {
  await client.query(
    `INSERT INTO audit_events
       (incident_id, seq, occurred_at, actor_key_id, actor_name, actor_role, actor_subject, event_type, payload, idempotency_key, prev_hash, hash)
     VALUES ($1::uuid, $2::int, $3::timestamptz, $4::uuid, $5::text, $6::text, $12::text, $7::text, $8::jsonb, $9::text, $10::text, $11::text)`,
    [
      event.incidentId,
      event.seq,
      event.occurredAt,
      event.actor.keyId,
      event.actor.name,
      event.actor.role,
      event.eventType,
      // The exact text that was hashed, so a value JSON.stringify would coerce (a Date, a Map) cannot slip in.
      canonicalJson(event.payload),
      event.idempotencyKey,
      event.prevHash,
      event.hash,
      event.actor.subject ?? null,
    ],
  );
}

/** The incident's timeline in seq order: up to `limit` events after `afterSeq` (default: from the start). */
export async function listAuditEvents(
  client: Queryable,
  incidentId: string,
  page: { afterSeq?: number; limit: number },
): Promise<AuditEvent[]> {
  const rows = await findAuditEventRows(client, incidentId, page.afterSeq ?? 0, page.limit);
  return rows.map(toAuditEvent);
}

async function findAuditEventRows(client: Queryable, incidentId: string, afterSeq: number, limit: number): Promise<AuditEventRow[]> {
  const { rows } = await client.query<AuditEventRow>(
    `SELECT id, incident_id, seq, occurred_at, actor_key_id, actor_name, actor_role, actor_subject, event_type, payload,
            idempotency_key, prev_hash, hash
     FROM audit_events
     WHERE incident_id = $1::uuid AND seq > $2::int
     ORDER BY seq
     LIMIT $3::int`,
    [incidentId, afterSeq, limit],
  );
  return rows;
}

function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    incidentId: row.incident_id,
    seq: row.seq,
    occurredAt: row.occurred_at.toISOString(),
    actor: { keyId: row.actor_key_id, name: row.actor_name, role: row.actor_role, subject: row.actor_subject },
    eventType: row.event_type,
    payload: row.payload,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * Recomputes the incident's chain in seq order, a page at a time, and names the first row that does not hold:
 * a seq that skips a number (a row removed), a prev_hash that is not the previous row's hash, or a hash that does
 * not match the row's content. Removing the newest rows leaves a valid shorter chain; compare the head hash
 * with one recorded elsewhere to detect that.
 */
export async function verifyAuditChain(
  client: Queryable,
  incidentId: string,
  options: { pageSize?: number } = {},
): Promise<AuditChainVerification> {
  const pageSize = options.pageSize ?? VERIFY_PAGE_SIZE;
  let expectedSeq = 1;
  let prevHash = GENESIS_PREV_HASH;
  let checked = 0;
  for (;;) {
    const rows = await findAuditEventRows(client, incidentId, expectedSeq - 1, pageSize);
    for (const row of rows) {
      checked += 1;
      const reason = findChainBreak(row, expectedSeq, prevHash);
      if (reason) return { valid: false, checked, firstBroken: { seq: row.seq, id: row.id, reason } };
      prevHash = row.hash;
      expectedSeq += 1;
    }
    if (rows.length < pageSize) return { valid: true, checked };
  }
}

function findChainBreak(row: AuditEventRow, expectedSeq: number, prevHash: string): AuditChainBreak | undefined {
  if (row.seq !== expectedSeq) return 'seq-gap';
  if (row.prev_hash !== prevHash) return 'prev-hash-mismatch';
  const event = toAuditEvent(row);
  if (hashAuditEvent(row.prev_hash, event) !== row.hash) return 'hash-mismatch';
  return undefined;
}
