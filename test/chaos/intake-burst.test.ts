import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { Webhook } from 'standardwebhooks';
import { bounded, startChaosStack, waitFor, type Bounded, type ChaosStack } from './chaos-stack';

// PostgreSQL stays down this long while alerts keep coming.
const POSTGRES_OUTAGE_MS = 10_000;
// Each sender pauses this long between deliveries: some 25 alerts a second from 4 senders.
const SENDERS = 4;
const SEND_PAUSE_MS = 150;
// Alerts spread over these correlation keys: each key opens one incident, the rest attach to it.
const CORRELATION_KEYS = 8;
// A killed worker's activity attempts time out after a minute before they are retried.
const DRAIN_TIMEOUT_MS = 300_000;

let stack: ChaosStack;
let source: { id: string; secret: string };

beforeAll(async () => {
  stack = await startChaosStack('intake-burst');
  const created = await bounded(stack, 'POST', '/v1/intake-sources', {
    key: stack.keys.admin,
    json: { name: `chaos EDR ${randomUUID()}`, format: 'generic', rateLimitPerMinute: 100_000, correlationWindowHours: 1 },
  });
  if (created.response?.status !== 201) throw new Error(`the intake source was not created: ${JSON.stringify(created.response?.body ?? 'timed out')}`);
  source = created.response.body as { id: string; secret: string };
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

/** One delivery as the tool sends it: signed now, with its webhook-id kept across redeliveries. */
function deliver(webhookId: string, body: string): Promise<Bounded> {
  const at = new Date();
  const headers = { 'webhook-id': webhookId, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(source.secret).sign(webhookId, at, body) };
  return bounded(stack, 'POST', `/v1/intake/${source.id}`, { rawBody: body, headers });
}

function alertBody(correlationKey: string, title: string): string {
  return JSON.stringify({ title, severity: 'high', detectedAt: new Date().toISOString(), correlationKey, affectedAssets: ['chaos-host'] });
}

interface AlertRow {
  id: string;
  webhook_id: string;
  status: string;
  incident_id: string | null;
  correlation_key: string;
}

async function storedAlerts(): Promise<AlertRow[]> {
  const { rows } = await stack.pool.query<AlertRow>(
    "SELECT id, webhook_id, status, incident_id, delivery->'alert'->>'correlationKey' AS correlation_key FROM intake_alerts WHERE source_id = $1::uuid",
    [source.id],
  );
  return rows;
}

describe('signed intake while the worker, Temporal and PostgreSQL fail', () => {
  it('signals an alert again after the worker died between signalling it and marking it dispatched, and processes it once', async () => {
    const correlationKey = `kill-between-${randomUUID()}`;
    // Hold the alerts' rows once stored: the dispatcher signals, then waits to mark them dispatched.
    const holder = await stack.pool.connect();
    const webhookId = `msg_${randomUUID()}`;
    let groupId: string;
    let alertId: string;
    try {
      const answer = await deliver(webhookId, alertBody(correlationKey, 'Beacon to a known C2 host'));
      expect(answer.response?.status).toBe(202);
      alertId = answer.response!.body.alertId as string;
      await holder.query('BEGIN');
      groupId = (await holder.query<{ group_id: string }>('SELECT group_id FROM intake_alerts WHERE id = $1::uuid FOR UPDATE', [alertId])).rows[0]!.group_id;
      const connection = await Connection.connect({ address: stack.temporalAddress });
      try {
        const temporal = new Client({ connection, namespace: 'default' });
        const signals = async () =>
          (await temporal.workflow.getHandle(groupId).fetchHistory().catch(() => ({ events: [] }))).events?.filter((e) => e.workflowExecutionSignaledEventAttributes).length ?? 0;
        await waitFor('the group has the first signal', signals, (n) => n === 1, 30_000);
        await stack.killWorker();
        await holder.query('ROLLBACK');
        const { rows } = await stack.pool.query<{ dispatched: boolean }>('SELECT dispatched_at IS NOT NULL AS dispatched FROM intake_alerts WHERE id = $1::uuid', [alertId]);
        expect(rows[0]!.dispatched).toBe(false);
        await stack.startWorker();
        // The new worker's dispatcher signals the alert again; the group ignores the second signal.
        await waitFor('the group has the second signal', signals, (n) => n === 2, 60_000);
      } finally {
        await connection.close();
      }
    } finally {
      holder.release();
    }
    const processed = await waitFor(
      'the alert processed',
      async () => (await stack.pool.query<AlertRow & { dispatched: boolean }>('SELECT id, status, incident_id, dispatched_at IS NOT NULL AS dispatched FROM intake_alerts WHERE id = $1::uuid', [alertId])).rows[0]!,
      (row) => row.status !== 'received' && row.dispatched,
      DRAIN_TIMEOUT_MS,
    );
    expect(processed.status).toBe('opened');
    const { rows } = await stack.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM incident_alerts WHERE id = $1::uuid', [alertId]);
    expect(rows[0]!.n).toBe(1);
    const opened = await stack.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE incident_id = $1::uuid AND event_type = 'incident-opened'", [processed.incident_id]);
    expect(opened.rows[0]!.n).toBe(1);
  }, DRAIN_TIMEOUT_MS + 120_000);

  it('answers every burst delivery 202 (stored) or 503 with Retry-After; afterwards each accepted alert opened or attached to exactly one incident, one per correlation key', async () => {
    const keys = Array.from({ length: CORRELATION_KEYS }, (_, i) => `burst-${i}-${randomUUID()}`);
    const answers: { webhookId: string; key: string; phase: string; answer: Bounded }[] = [];
    let phase = 'steady';
    let sending = true;
    let sent = 0;
    const sender = async () => {
      while (sending) {
        const webhookId = `msg_${randomUUID()}`;
        const key = keys[sent % keys.length]!;
        const body = alertBody(key, `Burst alert ${sent++}`);
        // A tool redelivers what was not accepted, with the same webhook-id, after Retry-After.
        for (;;) {
          const answer = await deliver(webhookId, body);
          answers.push({ webhookId, key, phase, answer });
          if (answer.response?.status === 202) break;
          await new Promise((resolve) => setTimeout(resolve, 1_000));
        }
        await new Promise((resolve) => setTimeout(resolve, SEND_PAUSE_MS));
      }
    };
    const senders = Array.from({ length: SENDERS }, sender);
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    await pause(3_000);
    phase = 'worker killed';
    await stack.killWorker();
    await pause(4_000);
    await stack.startWorker();
    phase = 'steady';
    await pause(3_000);
    phase = 'temporal down';
    await stack.stopTemporal();
    await pause(5_000);
    await stack.startTemporal();
    phase = 'steady';
    await pause(3_000);
    phase = 'postgres down';
    await stack.stopPostgres();
    await pause(POSTGRES_OUTAGE_MS);
    await stack.startPostgres();
    phase = 'after';
    await pause(5_000);
    sending = false;
    await Promise.all(senders);

    // Every answer: 202 with an alert id, or 503 with Retry-After; none hung; Temporal down refused nothing.
    const odd = answers.filter(({ answer }) => answer.timedOut || !(answer.response.status === 202 ? typeof answer.response.body.alertId === 'string' : answer.response.status === 503 && Number(answer.response.headers.get('retry-after')) > 0));
    expect(odd.map(({ phase: p, answer }) => ({ phase: p, status: answer.response?.status ?? 'timed out', body: answer.response?.body }))).toEqual([]);
    expect(answers.filter(({ phase: p, answer }) => p === 'temporal down' && answer.response?.status !== 202)).toEqual([]);
    expect(answers.filter(({ phase: p }) => p === 'temporal down').length).toBeGreaterThan(0);
    expect(answers.filter(({ phase: p, answer }) => p === 'postgres down' && answer.response?.status === 503).length).toBeGreaterThan(0);

    // One alert id per webhook-id, however often it was delivered.
    const accepted = new Map<string, { alertId: string; key: string }>();
    for (const { webhookId, key, answer } of answers) {
      if (answer.response?.status !== 202) continue;
      const alertId = answer.response.body.alertId as string;
      expect(accepted.get(webhookId)?.alertId ?? alertId).toBe(alertId);
      accepted.set(webhookId, { alertId, key });
    }
    expect(accepted.size).toBeGreaterThan(200);

    // Every accepted alert is held, and processing reaches each of them.
    const alerts = await waitFor('every accepted alert processed', storedAlerts, (rows) => rows.filter((r) => keys.includes(r.correlation_key)).every((r) => r.status !== 'received'), DRAIN_TIMEOUT_MS);
    const burst = alerts.filter((r) => keys.includes(r.correlation_key));
    const byWebhook = new Map(burst.map((r) => [r.webhook_id, r]));
    expect([...accepted].filter(([webhookId, { alertId }]) => byWebhook.get(webhookId)?.id !== alertId)).toEqual([]);
    // Deliveries answered 503 every time they were sent are not stored; none of the burst was answered so at the end.
    expect(burst.length).toBe(accepted.size);
    expect(burst.filter((r) => r.status !== 'opened' && r.status !== 'attached')).toEqual([]);

    // Each correlation key: one incident, opened by one of its alerts, every other one attached to it.
    for (const key of keys) {
      const ofKey = burst.filter((r) => r.correlation_key === key);
      expect({ key, opened: ofKey.filter((r) => r.status === 'opened').length, incidents: new Set(ofKey.map((r) => r.incident_id)).size }).toEqual({ key, opened: 1, incidents: 1 });
    }
    // Each alert is on exactly one incident, its own, once.
    const { rows: onIncidents } = await stack.pool.query<{ id: string; incident_id: string; n: number }>(
      'SELECT id, min(incident_id::text) AS incident_id, count(*)::int AS n FROM incident_alerts WHERE source_id = $1::uuid GROUP BY id',
      [source.id],
    );
    const attachedTo = new Map(onIncidents.map((r) => [r.id, r]));
    expect(burst.filter((r) => attachedTo.get(r.id)?.incident_id !== r.incident_id || attachedTo.get(r.id)?.n !== 1)).toEqual([]);
    const { rows: incidents } = await stack.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE event_type = 'incident-opened' AND incident_id = ANY($1::uuid[])",
      [[...new Set(burst.map((r) => r.incident_id))]],
    );
    expect(incidents[0]!.n).toBe(CORRELATION_KEYS);

    const processes = await stack.processes();
    expect([processes.worker.exitCode, processes.worker.signalCode, processes.api.exitCode, processes.api.signalCode]).toEqual([null, null, null, null]);
  }, DRAIN_TIMEOUT_MS + 180_000);
});
