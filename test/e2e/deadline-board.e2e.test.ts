import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Role } from '../../src/domain/roles';
import { call, eventually, keysByRole, openPool } from './http';

const HOUR = 3_600_000;
let pool: pg.Pool;
let keys: Record<Role, string>;
// The board is filtered by this suite's own owner, so it lists only the clocks this suite made.
const owner = { contactId: '', name: `Board owner ${randomUUID()}` };

interface Opened {
  id: string;
  reference: string;
  deadlines: Record<string, unknown>[];
}

/** Opens an incident aware `hoursAgo` hours ago and names this suite's contact its owner. */
async function openOwned(title: string, hoursAgo: number): Promise<Opened> {
  const awareAt = new Date(Date.now() - hoursAgo * HOUR).toISOString();
  const opened = await call('POST', '/v1/incidents', { key: keys.responder, json: { title, detectedAt: awareAt, awareAt } });
  expect(opened.status).toBe(201);
  const assigned = await call('POST', `/v1/incidents/${opened.body.id}/owner`, { key: keys.responder, json: { contactId: owner.contactId } });
  expect(assigned.status).toBe(200);
  return opened.body as Opened;
}

beforeAll(async () => {
  pool = openPool();
  keys = await keysByRole(pool);
  const contact = await call('POST', '/v1/contacts', { key: keys.admin, json: { name: owner.name, role: 'owner', email: `board-owner-${randomUUID()}@example.test` } });
  expect(contact.status).toBe(201);
  owner.contactId = contact.body.id as string;
});
afterAll(async () => {
  // Contacts are organisation-wide: later suites must not deliver to this one.
  await call('PATCH', `/v1/contacts/${owner.contactId}`, { key: keys.admin, json: { active: false } });
  await pool.end();
});

describe('GET /v1/deadlines', () => {
  let late: Opened;
  let fresh: Opened;
  let escalations: { id: string; rung: string; kind: string; raisedAt: string }[];

  beforeAll(async () => {
    // Aware 90 hours ago: past the 72-hour deadline, between the first and second 12-hourly repeats.
    late = await openOwned('Board fixture: laptop stolen last week', 90);
    fresh = await openOwned('Board fixture: phishing this morning', 0);
    const res = await eventually(
      () => call('GET', `/v1/incidents/${late.id}/escalations`, { key: keys.viewer }),
      (r) => r.body.items?.length === 6,
    );
    escalations = res.body.items;
  });

  const board = (query: string) => call('GET', `/v1/deadlines?owner=${owner.contactId}&${query}`, { key: keys.viewer });
  const entry = (incident: Opened, title: string, fields: Record<string, unknown>) => ({
    ...incident.deadlines[0],
    secondsRemaining: expect.any(Number),
    incidentId: incident.id,
    reference: incident.reference,
    title,
    owner,
    ...fields,
  });

  it('lists the owner’s running clocks overdue first, each with the owner, its unacknowledged escalations and the latest one', async () => {
    const res = await board('limit=1000');
    expect(res.status).toBe(200);
    const latest = escalations[escalations.length - 1]!;
    expect(escalations.map((e) => e.rung)).toEqual(['reminder-1', 'reminder-2', 'reminder-3', 'reminder-4', 'overdue', 'overdue-repeat-1']);
    expect(res.body).toEqual({
      items: [
        entry(late, 'Board fixture: laptop stolen last week', {
          status: 'overdue',
          unacknowledgedEscalations: 6,
          latestEscalation: { id: latest.id, rung: 'overdue-repeat-1', kind: 'overdue-repeat', raisedAt: latest.raisedAt },
        }),
        entry(fresh, 'Board fixture: phishing this morning', { status: 'pending', unacknowledgedEscalations: 0, latestEscalation: null }),
      ],
      nextCursor: null,
    });
    expect(res.body.items[0].secondsRemaining).toBeLessThan(-17 * 3600);
    expect(res.body.items[1].secondsRemaining).toBeGreaterThan(71 * 3600);
  });

  it('counts one unacknowledged escalation fewer once one is acknowledged; the latest stays the latest', async () => {
    const latest = escalations[escalations.length - 1]!;
    const ack = await call('POST', `/v1/incidents/${late.id}/escalations/${latest.id}/acknowledge`, { key: keys.admin });
    expect(ack.status).toBe(200);
    const res = await board('limit=1000');
    expect(res.body.items[0]).toEqual(
      entry(late, 'Board fixture: laptop stolen last week', {
        status: 'overdue',
        unacknowledgedEscalations: 5,
        latestEscalation: { id: latest.id, rung: 'overdue-repeat-1', kind: 'overdue-repeat', raisedAt: latest.raisedAt },
      }),
    );
  });

  it('pages in the same order with the cursor', async () => {
    const first = await board('limit=1');
    expect(first.status).toBe(200);
    expect(first.body.items.map((i: { incidentId: string }) => i.incidentId)).toEqual([late.id]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await board(`limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body).toEqual({ items: [expect.objectContaining({ incidentId: fresh.id, status: 'pending' })], nextCursor: null });
  });

  it('lists a clock met by the authority notice under status=met, and no longer among the running ones', async () => {
    const met = await openOwned('Board fixture: notified within the hour', 1);
    const notice = await call('POST', `/v1/incidents/${met.id}/notifications/supervisory-authority`, {
      key: keys.dpo,
      json: { phase: 'initial', authority: 'APD/GBA (BE)', submittedAt: new Date().toISOString(), reference: `BE-${randomUUID().slice(0, 8)}` },
    });
    expect(notice.status).toBe(201);
    const running = await board('limit=1000');
    expect(running.body.items.map((i: { incidentId: string }) => i.incidentId)).not.toContain(met.id);
    const recentlyMet = await board('status=met');
    expect(recentlyMet.status).toBe(200);
    expect(recentlyMet.body).toEqual({
      items: [entry(met, 'Board fixture: notified within the hour', { status: 'met', metAt: expect.any(String), unacknowledgedEscalations: 0, latestEscalation: null })],
      nextCursor: null,
    });
  });

  it('answers an empty board for an owner of nothing, accepts up to 1000 clocks a page, and refuses a malformed owner or a larger page with 422', async () => {
    const nobody = await call('GET', `/v1/deadlines?owner=${randomUUID()}`, { key: keys.viewer });
    expect(nobody.status).toBe(200);
    expect(nobody.body).toEqual({ items: [], nextCursor: null });
    const all = await call('GET', '/v1/deadlines?limit=1000', { key: keys.viewer });
    expect(all.status).toBe(200);
    const due = all.body.items.map((i: { dueAt: string }) => Date.parse(i.dueAt));
    expect(due).toEqual([...due].sort((a, b) => a - b));
    for (const query of ['owner=42', 'limit=1001']) {
      const res = await call('GET', `/v1/deadlines?${query}`, { key: keys.viewer });
      expect({ query, status: res.status }).toEqual({ query, status: 422 });
      expect(res.body.errors).toEqual([expect.objectContaining({ location: 'query', path: [query.split('=')[0]] })]);
    }
  });
});
