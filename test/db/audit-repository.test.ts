import { createHash, randomUUID } from 'node:crypto';
import type pg from 'pg';
import {
  appendAuditEvent,
  AuditIdempotencyKeyReusedError,
  GENESIS_PREV_HASH,
  hashAuditEvent,
  listAuditEvents,
  verifyAuditChain,
  type AuditEvent,
  type AuditEventInput,
} from '../../src/db/audit-repository';
import { createPool, withTransaction } from '../../src/db/pool';

// Runs on the e2e stack's PostgreSQL, shared with other test files: every test works on its own fresh incident.
let pool: pg.Pool;

beforeAll(() => {
  pool = createPool(process.env.E2E_DB_URL!, 25);
});

afterAll(async () => {
  await pool.end();
});

async function createIncident(): Promise<string> {
  const id = randomUUID();
  await pool.query(
    `INSERT INTO incidents (id, reference, workflow_id, title, detected_at)
     VALUES ($1::uuid, $2::text, $3::text, $4::text, $5::timestamptz)`,
    [id, `TEST-${id}`, `test-incident-${id}`, 'Audit trail fixture', '2026-03-28T08:00:00Z'],
  );
  return id;
}

function auditEvent(incidentId: string, n: number, overrides: Partial<AuditEventInput> = {}): AuditEventInput {
  return {
    incidentId,
    occurredAt: new Date(Date.UTC(2026, 2, 28, 8, n)).toISOString(),
    actor: { keyId: null, name: 'Ana Responder', role: 'responder' },
    eventType: 'finding.recorded',
    payload: { n, note: `finding ${n}`, tags: ['b', 'a'], nested: { z: 1, a: [1.5, null, true] } },
    idempotencyKey: `${incidentId}:event-${n}`,
    ...overrides,
  };
}

function append(event: AuditEventInput) {
  return withTransaction(pool, (client) => appendAuditEvent(client, event));
}

/** An incident whose chain holds `count` events appended one after the other. */
async function incidentWithEvents(count: number): Promise<{ incidentId: string; events: AuditEvent[] }> {
  const incidentId = await createIncident();
  for (let n = 1; n <= count; n += 1) await append(auditEvent(incidentId, n));
  return { incidentId, events: await listAuditEvents(pool, incidentId, { limit: 1000 }) };
}

function expectLinkedChain(events: AuditEvent[], count: number): void {
  expect(events.map((e) => e.seq)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
  events.forEach((event, i) => {
    expect(event.prevHash).toBe(i === 0 ? GENESIS_PREV_HASH : events[i - 1]!.hash);
    expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
  });
}

/** Changes rows the way a superuser could: with the append-only triggers off for one transaction. */
async function tamper(sql: string, params: unknown[]): Promise<void> {
  await withTransaction(pool, async (client) => {
    await client.query('SET LOCAL session_replication_role = replica');
    const { rowCount } = await client.query(sql, params);
    expect(rowCount).toBe(1);
  });
}

describe('hashAuditEvent', () => {
  it('hashes the previous hash, a newline and the canonical JSON of the content, with uuids lowercased and the instant in UTC', () => {
    const incidentId = '0B5B8C2E-8E0A-4C55-9A3B-5E4F1A2B3C4D';
    const hash = hashAuditEvent(GENESIS_PREV_HASH, {
      incidentId,
      seq: 1,
      occurredAt: '2026-03-28T09:00:00+01:00',
      actor: { keyId: null, name: 'Ana', role: 'dpo' },
      eventType: 'incident.opened',
      payload: { title: 'Lost laptop', affected: 12 },
    });
    const hashed =
      `${'0'.repeat(64)}\n` +
      '{"actor":{"keyId":null,"name":"Ana","role":"dpo"},"eventType":"incident.opened",' +
      '"incidentId":"0b5b8c2e-8e0a-4c55-9a3b-5e4f1a2b3c4d","occurredAt":"2026-03-28T08:00:00.000Z",' +
      '"payload":{"affected":12,"title":"Lost laptop"},"seq":1}';
    expect(hash).toBe(createHash('sha256').update(hashed, 'utf8').digest('hex'));
  });

  it('hashes a person’s OIDC subject with the actor, and leaves it out where there is none', () => {
    const content = { incidentId: '0b5b8c2e-8e0a-4c55-9a3b-5e4f1a2b3c4d', seq: 1, occurredAt: '2026-03-28T08:00:00.000Z', eventType: 'incident.opened', payload: {} };
    const tail = ',"eventType":"incident.opened","incidentId":"0b5b8c2e-8e0a-4c55-9a3b-5e4f1a2b3c4d","occurredAt":"2026-03-28T08:00:00.000Z","payload":{},"seq":1}';
    const sha = (text: string) => createHash('sha256').update(`${GENESIS_PREV_HASH}\n${text}`, 'utf8').digest('hex');
    expect(hashAuditEvent(GENESIS_PREV_HASH, { ...content, actor: { keyId: null, name: 'Ana', role: 'dpo', subject: 'sub-7' } })).toBe(
      sha(`{"actor":{"keyId":null,"name":"Ana","role":"dpo","subject":"sub-7"}${tail}`),
    );
    expect(hashAuditEvent(GENESIS_PREV_HASH, { ...content, actor: { keyId: null, name: 'Ana', role: 'dpo', subject: null } })).toBe(
      sha(`{"actor":{"keyId":null,"name":"Ana","role":"dpo"}${tail}`),
    );
  });
});

describe('appendAuditEvent', () => {
  it('numbers events 1..n and links each to the previous hash', async () => {
    const { incidentId, events } = await incidentWithEvents(5);

    expectLinkedChain(events, 5);
    expect(events[2]).toEqual({
      id: expect.stringMatching(/^\d+$/),
      incidentId,
      seq: 3,
      occurredAt: '2026-03-28T08:03:00.000Z',
      actor: { keyId: null, name: 'Ana Responder', role: 'responder', subject: null },
      eventType: 'finding.recorded',
      payload: { n: 3, note: 'finding 3', tags: ['b', 'a'], nested: { z: 1, a: [1.5, null, true] } },
      prevHash: events[1]!.hash,
      hash: hashAuditEvent(events[1]!.hash, { ...auditEvent(incidentId, 3), seq: 3 }),
    });
    await expect(verifyAuditChain(pool, incidentId)).resolves.toEqual({ valid: true, checked: 5 });
  });

  it('reports the seq and hash it appended', async () => {
    const incidentId = await createIncident();
    const first = await append(auditEvent(incidentId, 1));
    const second = await append(auditEvent(incidentId, 2));

    const events = await listAuditEvents(pool, incidentId, { limit: 10 });
    expect(first).toEqual({ appended: true, seq: 1, hash: events[0]!.hash });
    expect(second).toEqual({ appended: true, seq: 2, hash: events[1]!.hash });
  });

  it('stores the instant in UTC with milliseconds, so the hash verifies whatever offset it arrived with', async () => {
    const incidentId = await createIncident();
    await append(auditEvent(incidentId, 1, { occurredAt: '2026-03-28T09:00:00.250+01:00' }));

    const [event] = await listAuditEvents(pool, incidentId, { limit: 10 });
    expect(event!.occurredAt).toBe('2026-03-28T08:00:00.250Z');
    await expect(verifyAuditChain(pool, incidentId)).resolves.toEqual({ valid: true, checked: 1 });
  });

  it('records the actor key id and verifies with it', async () => {
    const incidentId = await createIncident();
    const keyId = randomUUID();
    await append(auditEvent(incidentId, 1, { actor: { keyId, name: 'Dana DPO', role: 'dpo' } }));

    const [event] = await listAuditEvents(pool, incidentId, { limit: 10 });
    expect(event!.actor).toEqual({ keyId, name: 'Dana DPO', role: 'dpo', subject: null });
    await expect(verifyAuditChain(pool, incidentId)).resolves.toEqual({ valid: true, checked: 1 });
  });

  it('records a person’s name and OIDC subject and verifies with them', async () => {
    const incidentId = await createIncident();
    await append(auditEvent(incidentId, 1, { actor: { keyId: null, name: 'Dana Privacy', role: 'dpo', subject: 'dpo-subject-1' } }));

    const [event] = await listAuditEvents(pool, incidentId, { limit: 10 });
    expect(event!.actor).toEqual({ keyId: null, name: 'Dana Privacy', role: 'dpo', subject: 'dpo-subject-1' });
    await expect(verifyAuditChain(pool, incidentId)).resolves.toEqual({ valid: true, checked: 1 });
  });

  it('appends nothing for an idempotency key it has seen, and returns the first row', async () => {
    const incidentId = await createIncident();
    const first = await append(auditEvent(incidentId, 1));
    const retry = await append(auditEvent(incidentId, 1));

    expect(retry).toEqual({ appended: false, seq: 1, hash: first.hash });
    const events = await listAuditEvents(pool, incidentId, { limit: 10 });
    expect(events).toHaveLength(1);
    expect(events[0]!.hash).toBe(first.hash);
  });

  it('refuses an idempotency key already used for another incident, leaving both chains alone', async () => {
    const { incidentId: other, events: before } = await incidentWithEvents(1);
    const incidentId = await createIncident();

    const reuse = append(auditEvent(incidentId, 1, { idempotencyKey: `${other}:event-1` }));
    await expect(reuse).rejects.toThrow(AuditIdempotencyKeyReusedError);
    await expect(listAuditEvents(pool, incidentId, { limit: 10 })).resolves.toEqual([]);
    await expect(listAuditEvents(pool, other, { limit: 10 })).resolves.toEqual(before);
  });

  it('serializes 20 concurrent appends into seq 1..20 without a gap or a fork', async () => {
    const incidentId = await createIncident();

    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => append(auditEvent(incidentId, i + 1))));

    expect(results.every((r) => r.appended)).toBe(true);
    expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const events = await listAuditEvents(pool, incidentId, { limit: 100 });
    expectLinkedChain(events, 20);
    expect(new Set(events.map((e) => e.payload.n)).size).toBe(20);
    await expect(verifyAuditChain(pool, incidentId)).resolves.toEqual({ valid: true, checked: 20 });
  });

  it('refuses an unreadable instant or a non-canonical uuid before writing anything', async () => {
    const incidentId = await createIncident();

    await expect(append(auditEvent(incidentId, 1, { occurredAt: 'tomorrow' }))).rejects.toThrow(RangeError);
    await expect(append(auditEvent(`{${incidentId}}`, 1))).rejects.toThrow(TypeError);
    await expect(listAuditEvents(pool, incidentId, { limit: 10 })).resolves.toEqual([]);
  });
});

describe('listAuditEvents', () => {
  it('pages the timeline in seq order after a given seq', async () => {
    const { incidentId } = await incidentWithEvents(5);

    const page = await listAuditEvents(pool, incidentId, { afterSeq: 2, limit: 2 });
    expect(page.map((e) => e.seq)).toEqual([3, 4]);
    await expect(listAuditEvents(pool, incidentId, { afterSeq: 5, limit: 2 })).resolves.toEqual([]);
  });
});

describe('audit_events (append-only)', () => {
  it.each([
    ['UPDATE', `UPDATE audit_events SET payload = '{"tampered": true}'::jsonb WHERE incident_id = $1::uuid`, true],
    ['DELETE', 'DELETE FROM audit_events WHERE incident_id = $1::uuid', true],
    ['TRUNCATE', 'TRUNCATE audit_events', false],
  ])('refuses %s with insufficient_privilege and changes nothing', async (op, sql, hasParam) => {
    const { incidentId, events: before } = await incidentWithEvents(3);
    const client = await pool.connect();
    try {
      // A transaction, so that a regression could not wipe rows other test files rely on.
      await client.query('BEGIN');
      await expect(client.query(sql, hasParam ? [incidentId] : [])).rejects.toMatchObject({
        code: '42501',
        message: `audit_events is append-only: ${op} refused`,
        table: 'audit_events',
      });
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }

    await expect(listAuditEvents(pool, incidentId, { limit: 10 })).resolves.toEqual(before);
    await expect(verifyAuditChain(pool, incidentId)).resolves.toEqual({ valid: true, checked: 3 });
  });
});

describe('verifyAuditChain', () => {
  it('reports an empty chain as valid with nothing checked', async () => {
    const incidentId = await createIncident();
    await expect(verifyAuditChain(pool, incidentId)).resolves.toEqual({ valid: true, checked: 0 });
  });

  it.each([
    ['payload', `payload = '{"n": 3, "note": "nothing to see"}'::jsonb`],
    ['occurred_at', `occurred_at = occurred_at + interval '1 hour'`],
    ['actor_name', `actor_name = 'Someone Else'`],
    ['actor_role', `actor_role = 'admin'`],
    ['actor_key_id', `actor_key_id = gen_random_uuid()`],
    ['actor_subject', `actor_subject = 'someone-else'`],
    ['event_type', `event_type = 'finding.withdrawn'`],
  ])('names row 3 as hash-mismatch when its %s was changed behind the trigger', async (_column, assignment) => {
    const { incidentId, events } = await incidentWithEvents(5);
    const { incidentId: neighbour } = await incidentWithEvents(2);

    await tamper(`UPDATE audit_events SET ${assignment} WHERE incident_id = $1::uuid AND seq = 3`, [incidentId]);

    await expect(verifyAuditChain(pool, incidentId)).resolves.toEqual({
      valid: false,
      checked: 3,
      firstBroken: { seq: 3, id: events[2]!.id, reason: 'hash-mismatch' },
    });
    await expect(verifyAuditChain(pool, neighbour)).resolves.toEqual({ valid: true, checked: 2 });
  });

  it('names the row after a deleted middle row as a seq gap', async () => {
    const { incidentId, events } = await incidentWithEvents(5);

    await tamper('DELETE FROM audit_events WHERE incident_id = $1::uuid AND seq = 3', [incidentId]);

    await expect(verifyAuditChain(pool, incidentId)).resolves.toEqual({
      valid: false,
      checked: 3,
      firstBroken: { seq: 4, id: events[3]!.id, reason: 'seq-gap' },
    });
  });

  it('names the next row as prev-hash-mismatch when a changed row was re-hashed to hide it', async () => {
    const { incidentId, events } = await incidentWithEvents(5);
    const forged = { ...events[2]!, payload: { n: 3, note: 'rewritten' } };
    const forgedHash = hashAuditEvent(forged.prevHash, forged);

    await tamper('UPDATE audit_events SET payload = $2::jsonb, hash = $3::text WHERE incident_id = $1::uuid AND seq = 3', [
      incidentId,
      JSON.stringify(forged.payload),
      forgedHash,
    ]);

    await expect(verifyAuditChain(pool, incidentId)).resolves.toEqual({
      valid: false,
      checked: 4,
      firstBroken: { seq: 4, id: events[3]!.id, reason: 'prev-hash-mismatch' },
    });
  });

  it('carries the chain across pages, finding a break right after a page boundary', async () => {
    const { incidentId, events } = await incidentWithEvents(5);

    await expect(verifyAuditChain(pool, incidentId, { pageSize: 2 })).resolves.toEqual({ valid: true, checked: 5 });
    await tamper(`UPDATE audit_events SET actor_name = 'Someone Else' WHERE incident_id = $1::uuid AND seq = 3`, [incidentId]);
    await expect(verifyAuditChain(pool, incidentId, { pageSize: 2 })).resolves.toEqual({
      valid: false,
      checked: 3,
      firstBroken: { seq: 3, id: events[2]!.id, reason: 'hash-mismatch' },
    });
  });

  it('still verifies a chain whose payload keys PostgreSQL stored in its own order', async () => {
    const incidentId = await createIncident();
    await append(auditEvent(incidentId, 1, { payload: { zebra: 1, apple: { longer_key: 2, b: 3 }, mid: 'x' } }));

    const { rows } = await pool.query<{ payload: string }>('SELECT payload::text FROM audit_events WHERE incident_id = $1::uuid', [
      incidentId,
    ]);
    expect(rows[0]!.payload).toBe('{"mid": "x", "apple": {"b": 3, "longer_key": 2}, "zebra": 1}');
    await expect(verifyAuditChain(pool, incidentId)).resolves.toEqual({ valid: true, checked: 1 });
  });
});
