// The application's own PostgreSQL role (breach_app, what the worker and the API connect as): it appends to the
// audit trail and reads it, and can do nothing else to it. A stolen application credential cannot rewrite evidence.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { appendAuditEvent, listAuditEvents, verifyAuditChain } from '../../src/db/audit-repository';
import { createPool, withTransaction } from '../../src/db/pool';

let owner: pg.Pool;
let app: pg.Pool;

beforeAll(() => {
  owner = createPool(process.env.E2E_DB_URL!, 2);
  app = createPool(process.env.E2E_APP_DB_URL!, 2);
});

afterAll(async () => {
  await Promise.all([owner.end(), app.end()]);
});

/** An incident with two audit events, both appended over the application's connection. */
async function incidentAppendedByApp(): Promise<string> {
  const id = randomUUID();
  await app.query(
    `INSERT INTO incidents (id, reference, workflow_id, title, detected_at) VALUES ($1::uuid, $2::text, $3::text, 'Least-privilege fixture', now())`,
    [id, `TEST-${id}`, `test-incident-${id}`],
  );
  for (const n of [1, 2]) {
    await withTransaction(app, (client) =>
      appendAuditEvent(client, { incidentId: id, occurredAt: new Date().toISOString(), actor: { keyId: null, name: 'App', role: 'responder' }, eventType: 'finding.recorded', payload: { n }, idempotencyKey: `${id}:${n}` }),
    );
  }
  return id;
}

/** The SQLSTATE a statement fails with over the application's connection. */
async function refusal(sql: string, params: unknown[] = []): Promise<string | undefined> {
  try {
    await app.query(sql, params);
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('the application role (breach_app)', () => {
  it('is who the worker and the API connect as, and is neither superuser nor owner of the audit table', async () => {
    const { rows } = await app.query<{ role: string; superuser: boolean; owner: string }>(
      `SELECT current_user AS role, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
              (SELECT tableowner FROM pg_tables WHERE tablename = 'audit_events') AS owner`,
    );
    expect(rows[0]).toMatchObject({ role: 'breach_app', superuser: false });
    expect(rows[0]!.owner).not.toBe('breach_app');
  });

  it('appends to the audit trail and reads it', async () => {
    const id = await incidentAppendedByApp();
    expect((await listAuditEvents(app, id, { limit: 10 })).map((e) => e.seq)).toEqual([1, 2]);
    expect(await verifyAuditChain(app, id)).toMatchObject({ valid: true });
  });

  it('cannot update, delete, truncate, alter, disable the triggers of, or bypass the triggers on the audit table', async () => {
    const id = await incidentAppendedByApp();
    // 42501 insufficient_privilege; 42P01 would mean the table is not even visible.
    expect(await refusal("UPDATE audit_events SET payload = '{}'::jsonb WHERE incident_id = $1::uuid", [id])).toBe('42501');
    expect(await refusal('DELETE FROM audit_events WHERE incident_id = $1::uuid', [id])).toBe('42501');
    expect(await refusal('TRUNCATE audit_events')).toBe('42501');
    expect(await refusal('ALTER TABLE audit_events ADD COLUMN note text')).toBe('42501');
    expect(await refusal('ALTER TABLE audit_events DISABLE TRIGGER audit_events_refuse_update_delete')).toBe('42501');
    expect(await refusal('ALTER TABLE audit_events DISABLE TRIGGER ALL')).toBe('42501');
    expect(await refusal('DROP TRIGGER audit_events_refuse_update_delete ON audit_events')).toBe('42501');
    expect(await refusal('SET session_replication_role = replica')).toBe('42501');
    // Nothing changed.
    expect((await listAuditEvents(owner, id, { limit: 10 })).map((e) => e.seq)).toEqual([1, 2]);
    expect(await verifyAuditChain(owner, id)).toMatchObject({ valid: true });
  });

  it('cannot touch the migration log', async () => {
    expect(await refusal('SELECT * FROM pgmigrations')).toBe('42501');
  });
});
