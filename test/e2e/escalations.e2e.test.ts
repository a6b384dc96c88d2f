import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import type pg from 'pg';
import type { Role } from '../../src/domain/roles';
import { startSmtpSink, type SmtpSink } from '../../src/stack/smtp-sink';
import { findTemporalCli } from '../../src/stack/temporal-binaries';
import { call, eventually, keysByRole, openPool, stackEnv } from './http';
import { startServices, startWebhookReceiver } from './services';

const HOUR = 3_600_000;
let pool: pg.Pool;
let keys: Record<Role, string>;
let sink: SmtpSink;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let services: Awaited<ReturnType<typeof startServices>>;
let contactId: string;
const secret = `whsec_${randomBytes(32).toString('base64')}`;

beforeAll(async () => {
  pool = openPool();
  keys = await keysByRole(pool);
  sink = await startSmtpSink();
  receiver = await startWebhookReceiver(secret);
  services = await startServices({ SMTP_URL: sink.url });
  const contact = await call('POST', '/v1/contacts', {
    key: keys.admin,
    json: { name: 'Dana Privacy', role: 'dpo', email: 'dpo@example.test', webhookUrl: receiver.url, webhookSecret: secret },
  });
  expect(contact.status).toBe(201);
  contactId = contact.body.id as string;
}, 120_000);

afterAll(async () => {
  // Contacts are organisation-wide: later suites must not deliver to this test's receivers.
  await call('PATCH', `/v1/contacts/${contactId}`, { key: keys.admin, json: { active: false } });
  await services?.stop();
  await receiver?.stop();
  await sink?.stop();
  await pool.end();
});

/** Opens an incident on this suite's API with awareness `hoursAgo` hours ago. */
async function openIncident(title: string, hoursAgo: number) {
  const awareAt = new Date(Date.now() - hoursAgo * HOUR).toISOString();
  const res = await call('POST', '/v1/incidents', { baseUrl: services.apiUrl, key: keys.responder, json: { title, detectedAt: awareAt, awareAt } });
  expect(res.status).toBe(201);
  return res.body as { id: string; reference: string; workflowId: string };
}

const forIncident = (reference: string) => (mail: { subject: string | undefined }) => mail.subject?.startsWith(`[${reference}]`) ?? false;

describe('escalation delivery', () => {
  it('emails the DPO over real SMTP and posts a Standard Webhooks–signed webhook when the 48 h rung is reached', async () => {
    const incident = await openIncident('Payroll file sent to the wrong supplier', 49);
    const mail = await sink.waitFor(forIncident(incident.reference), 30_000);
    expect(mail.to).toEqual(['dpo@example.test']);
    expect(mail.subject).toBe(`[${incident.reference}] Due soon: GDPR notify-supervisory-authority`);
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@breach-response\.local>$/);
    expect(mail.raw).toContain('Ladder step: reminder-2 (to dpo)');

    const webhook = await eventually(
      async () => receiver.processed().find((w) => w.payload.data.reference === incident.reference),
      (w) => w !== undefined,
      30_000,
    );
    expect(webhook!.payload).toMatchObject({ type: 'deadline.reminder', data: { incidentId: incident.id, regime: 'GDPR', rung: 'reminder-2' } });
    expect(receiver.refused()).toBe(0);

    const escalations = await eventually(
      () => call('GET', `/v1/incidents/${incident.id}/escalations`, { key: keys.viewer }),
      (r) => r.body.items?.some((e: { deliveries: { status: string }[] }) => e.deliveries.length === 2 && e.deliveries.every((d) => d.status === 'sent')),
    );
    const dpoRung = escalations.body.items.find((e: { rung: string }) => e.rung === 'reminder-2');
    expect(dpoRung).toMatchObject({ recipients: ['dpo'], kind: 'reminder' });
    expect(dpoRung.deliveries.map((d: { channel: string; status: string; attempts: number; contactName: string }) => [d.channel, d.status, d.attempts, d.contactName]).sort()).toEqual([
      ['email', 'sent', 1, 'Dana Privacy'],
      ['webhook', 'sent', 1, 'Dana Privacy'],
    ]);
  });

  it('delivers a step once per recipient and channel, deduplicated by its id, when the worker is killed in the middle of sending it', async () => {
    sink.setAcceptDelay(4_000);
    receiver.setDelay(4_000);
    const incident = await openIncident('Ransomware on the HR file share', 49);
    // Wait until both sends are under way: the email attempt is open and the webhook request has arrived.
    await eventually(
      async () => {
        const { rows } = await pool.query<{ channel: string }>(
          `SELECT d.channel FROM delivery_attempts a JOIN escalation_deliveries d ON d.id = a.delivery_id
           WHERE d.incident_id = $1 AND a.finished_at IS NULL`,
          [incident.id],
        );
        return new Set(rows.map((r) => r.channel)).size === 2 && receiver.processed().some((w) => w.payload.data.reference === incident.reference);
      },
      (ready) => ready,
      30_000,
    );
    await services.killWorker();
    // The server never said 250 to the dead worker (it was killed during the 4 s the sink takes): nothing was delivered.
    await new Promise((r) => setTimeout(r, 5_000));
    expect(sink.messages().filter(forIncident(incident.reference))).toEqual([]);

    sink.setAcceptDelay(0);
    receiver.setDelay(0);
    services.startWorker();
    await sink.waitFor(forIncident(incident.reference), 90_000);
    const { rows } = await eventually(
      () => pool.query<{ channel: string; status: string; attempts: number }>('SELECT channel, status, attempts FROM escalation_deliveries WHERE incident_id = $1 ORDER BY channel', [incident.id]),
      (r) => r.rows.length === 2 && r.rows.every((d) => d.status === 'sent'),
      90_000,
    );
    expect(rows.map((r) => [r.channel, r.status])).toEqual([
      ['email', 'sent'],
      ['webhook', 'sent'],
    ]);
    // Every attempt is on record: the one the killed worker left open, and the one that succeeded.
    expect(rows.every((r) => r.attempts >= 2)).toBe(true);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(sink.messages().filter(forIncident(incident.reference))).toHaveLength(1);
    expect(receiver.processed().filter((w) => w.payload.data.reference === incident.reference)).toHaveLength(1);
  }, 180_000);
});

describe('POST /v1/incidents/{id}/escalations/{escalationId}/acknowledge', () => {
  it('lets a recipient acknowledge the overdue notice and refuses anyone else with 403', async () => {
    const incident = await openIncident('Lost backup tape', 80);
    const escalations = await eventually(
      () => call('GET', `/v1/incidents/${incident.id}/escalations`, { key: keys.viewer }),
      (r) => r.body.items?.some((e: { rung: string }) => e.rung === 'overdue'),
    );
    const overdue = escalations.body.items.find((e: { rung: string }) => e.rung === 'overdue');
    // Stored before the workflow's own state holds it (write-ahead): wait until the workflow knows it too.
    await eventually(
      () => call('GET', `/v1/incidents/${incident.id}`, { key: keys.viewer }),
      (r) => r.body.escalations?.some((e: { id: string }) => e.id === overdue.id),
    );
    const path = `/v1/incidents/${incident.id}/escalations/${overdue.id}/acknowledge`;
    const stranger = await call('POST', path, { baseUrl: services.apiUrl, key: keys.viewer });
    expect(stranger.status).toBe(403);
    const acked = await call('POST', path, { baseUrl: services.apiUrl, key: keys.dpo });
    expect(acked.status).toBe(200);
    expect(acked.body.state.escalations.find((e: { id: string }) => e.id === overdue.id)).toMatchObject({ acknowledgedBy: expect.stringMatching(/^e2e dpo /), acknowledgedAt: expect.any(String) });
    expect((await call('POST', path, { baseUrl: services.apiUrl, key: keys.dpo })).status).toBe(409);
  });
});

describe('GET /v1/deadlines and search attributes', () => {
  it('lists running clocks soonest first, and `temporal workflow list` finds an overdue incident by search attribute', async () => {
    const overdue = await openIncident('Customer export left on a public share', 100);
    await eventually(
      () => call('GET', `/v1/incidents/${overdue.id}`, { key: keys.viewer }),
      (r) => r.body.deadlines?.[0]?.status === 'overdue',
    );
    const board = await call('GET', '/v1/deadlines?limit=500', { key: keys.viewer });
    expect(board.status).toBe(200);
    const dues = (board.body.items as { dueAt: string }[]).map((i) => Date.parse(i.dueAt));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(board.body.items).toContainEqual(expect.objectContaining({ incidentId: overdue.id, reference: overdue.reference, status: 'overdue', regime: 'GDPR' }));
    const onlyOverdue = await call('GET', '/v1/deadlines?status=overdue&limit=500', { key: keys.viewer });
    expect(onlyOverdue.body.items.every((i: { status: string }) => i.status === 'overdue')).toBe(true);

    const cli = findTemporalCli()!;
    const listed = await eventually(
      async () => (await promisify(execFile)(cli, ['workflow', 'list', '--address', stackEnv.temporalAddress, '--query', 'Overdue = true AND IncidentStage = "detected"', '--limit', '1000'])).stdout,
      (out) => out.includes(overdue.workflowId),
      30_000,
    );
    expect(listed).toContain(overdue.workflowId);
  });
});
