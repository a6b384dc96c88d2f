// Scale-out: two workers (one task queue) and two API processes on one Temporal dev server and one PostgreSQL.
// Load: 4 clients at once, each opening 3 incidents and recording 3 findings on each (48 writes, each with its own
// Idempotency-Key), alternating between the two APIs; of each client's incidents one is opened past its 72 h
// deadline (the overdue rung fires at once), one falls due at a shared instant during the test, one is not due.
// Once a quarter of the writes are acknowledged and a write is in flight at the stack's first API, that API and
// the stack's first worker are SIGKILLed together. A
// client retries a 503, a 409 "in progress" or a connection error with the same Idempotency-Key against the other
// API, as a load balancer would.
import { randomUUID } from 'node:crypto';
import {
  awareAtDueIn,
  bounded,
  forReference,
  isRetryLater,
  startChaosStackWithDpo,
  waitFor,
  waitUntilSettled,
  GDPR_CLOCK_MS,
  type Bounded,
  type ChaosStack,
  type WebhookReceiver,
} from './chaos-stack';

const CLIENTS = 4;
const FINDINGS_PER_INCIDENT = 3;
type Kind = 'overdue' | 'due-during' | 'not-due';
const KINDS: readonly Kind[] = ['overdue', 'due-during', 'not-due'];
const WRITES = CLIENTS * KINDS.length * (1 + FINDINGS_PER_INCIDENT);
const KILL_AFTER_ACKNOWLEDGED = WRITES / 4;
// The 'due-during' deadlines fall due this long after the load starts: after the kills, on the surviving worker.
const DUE_DURING_MS = 30_000;
// A write not acknowledged within this (retries included) is reported as unanswered.
const WRITE_GIVE_UP_MS = 120_000;
const RETRY_PAUSE_MS = 250;

let stack: ChaosStack;
let receiver: WebhookReceiver;
let apiUrls: string[];

beforeAll(async () => {
  ({ stack, receiver } = await startChaosStackWithDpo('scale-out'));
  await stack.startExtraWorker();
  apiUrls = [stack.apiUrl, (await stack.startExtraApi()).url];
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  await receiver?.stop();
});

/** One answer a write got: from which API, or the connection error it met instead. */
interface Attempt {
  api: number;
  startedAt: number;
  answer?: Bounded;
  error?: string;
}

/** One write with its Idempotency-Key and every attempt it took; `acknowledged` is its 2xx body. */
interface Write {
  label: string;
  idempotencyKey: string;
  attempts: Attempt[];
  acknowledged?: { id: string; reference?: string; workflowId?: string };
}

interface Opened {
  id: string;
  reference: string;
  workflowId: string;
  kind: Kind;
  title: string;
}

describe('two workers and two APIs on one Temporal and one PostgreSQL, one of each SIGKILLed under load', () => {
  it('loses no acknowledged write and stores nothing else, fires every deadline that fell due once, delivers each escalation once per channel, and keeps every audit chain valid', async () => {
    const { keys, pool, sink } = stack;
    const runId = randomUUID().slice(0, 8);
    const loadStartedAt = Date.now();
    const dueDuringAwareAt = awareAtDueIn(DUE_DURING_MS);
    const awareAtOf: Record<Kind, () => string> = {
      overdue: () => awareAtDueIn(-60_000),
      'due-during': () => dueDuringAwareAt,
      'not-due': () => awareAtDueIn(3_600_000),
    };

    const writes: Write[] = [];
    let acknowledgedCount = 0;
    let killed: Promise<void> | undefined;
    let killedAt = 0;
    const inFlight = [0, 0];
    let inFlightAtKill = 0;
    const killOneOfEach = async () => {
      await waitFor('a write in flight at the first API', async () => inFlight[0]!, (n) => n > 0, 30_000);
      inFlightAtKill = inFlight[0]!;
      await Promise.all([stack.killWorkerAt(0), stack.killApiAt(0)]);
      killedAt = Date.now();
    };

    /** Sends one write until a final answer, switching API after every "retry later" or connection error. */
    const write = async (label: string, urlPath: string, json: unknown, firstApi: number): Promise<Write> => {
      const entry: Write = { label, idempotencyKey: randomUUID(), attempts: [] };
      writes.push(entry);
      const giveUpAt = Date.now() + WRITE_GIVE_UP_MS;
      for (let api = firstApi; Date.now() < giveUpAt; api = 1 - api) {
        const attempt: Attempt = { api, startedAt: Date.now() };
        entry.attempts.push(attempt);
        inFlight[api] = inFlight[api]! + 1;
        try {
          attempt.answer = await bounded({ apiUrl: apiUrls[api]! }, 'POST', urlPath, { key: keys.responder, json, headers: { 'idempotency-key': entry.idempotencyKey } });
        } catch (error) {
          attempt.error = connectionError(error);
        } finally {
          inFlight[api] = inFlight[api]! - 1;
        }
        const response = attempt.answer?.response;
        if (response && response.status >= 200 && response.status < 300) {
          entry.acknowledged = response.body;
          acknowledgedCount += 1;
          if (acknowledgedCount === KILL_AFTER_ACKNOWLEDGED) killed = killOneOfEach();
          return entry;
        }
        if (response && !isRetryLater(response)) return entry;
        await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
      }
      return entry;
    };

    const opened: Opened[] = [];
    const client = async (c: number) => {
      let n = c;
      const nextApi = () => n++ % 2;
      for (const kind of KINDS) {
        const title = `Scale-out ${runId} client ${c}: ${kind}`;
        const awareAt = awareAtOf[kind]();
        const open = await write(`open ${title}`, '/v1/incidents', { title, detectedAt: awareAt, awareAt }, nextApi());
        if (!open.acknowledged) continue;
        const incident = { ...(open.acknowledged as Omit<Opened, 'kind' | 'title'>), kind, title };
        opened.push(incident);
        for (let f = 1; f <= FINDINGS_PER_INCIDENT; f += 1) {
          await write(`finding ${title} #${f}`, `/v1/incidents/${incident.id}/findings`, { summary: `${title}: finding ${f}` }, nextApi());
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    const loadEndedAt = Date.now();
    await killed;

    // The load was real: the kills landed mid-load, before the 'due-during' deadlines, and some write met the dead API.
    const attempts = writes.flatMap((w) => w.attempts);
    expect(killedAt).toBeGreaterThan(0);
    expect(inFlightAtKill).toBeGreaterThan(0);
    expect(killedAt).toBeLessThan(Date.parse(dueDuringAwareAt) + GDPR_CLOCK_MS);
    expect(attempts.filter((a) => a.startedAt > killedAt).length).toBeGreaterThan(0);
    expect(attempts.some((a) => a.error !== undefined)).toBe(true);

    // Every write was acknowledged in the end, no request hung, and every other answer was a "retry later".
    expect(writes.filter((w) => !w.acknowledged).map((w) => ({ label: w.label, attempts: w.attempts.map(describeAttempt) }))).toEqual([]);
    expect(writes).toHaveLength(WRITES);
    expect(attempts.filter((a) => a.answer?.timedOut).map((a) => a.startedAt)).toEqual([]);
    const otherAnswers = attempts.filter((a) => a.answer?.response && a.answer.response.status >= 300 && !isRetryLater(a.answer.response));
    expect(otherAnswers.map(describeAttempt)).toEqual([]);

    // Exactly what was acknowledged is in PostgreSQL, once: incidents and findings, with the ids the clients got.
    const { rows: incidentRows } = await pool.query<{ id: string; title: string }>(`SELECT id, title FROM incidents WHERE title LIKE $1`, [`Scale-out ${runId} %`]);
    expect(incidentRows.map((r) => r.id).sort()).toEqual(opened.map((i) => i.id).sort());
    expect(incidentRows.map((r) => r.title).sort()).toEqual(opened.map((i) => i.title).sort());
    const ids = opened.map((i) => i.id);
    const { rows: findingRows } = await pool.query<{ id: string; summary: string }>('SELECT id, summary FROM findings WHERE incident_id = ANY($1::uuid[])', [ids]);
    const findingWrites = writes.filter((w) => w.label.startsWith('finding '));
    expect(findingRows.map((r) => r.id).sort()).toEqual(findingWrites.map((w) => w.acknowledged!.id).sort());
    expect(new Set(findingRows.map((r) => r.summary)).size).toBe(findingRows.length);

    // Every deadline that fell due escalated once, by email and webhook to the DPO; the others did not escalate.
    const fallenDue = opened.filter((i) => i.kind !== 'not-due');
    const deliveries = await waitFor(
      'every escalation delivered by email and webhook',
      async () =>
        (await pool.query<{ id: string; escalation_id: string; incident_id: string; contact_id: string; channel: string; status: string }>(
          'SELECT id, escalation_id, incident_id, contact_id, channel, status FROM escalation_deliveries WHERE incident_id = ANY($1::uuid[])',
          [ids],
        )).rows,
      (rows) => rows.length === fallenDue.length * 2 && rows.every((d) => d.status === 'sent'),
      120_000,
    );
    await waitUntilSettled(stack, opened.map((i) => i.workflowId));
    const { rows: escalations } = await pool.query<{ escalation_id: string; incident_id: string; regime: string; obligation: string; rung: string }>(
      'SELECT escalation_id, incident_id, regime, obligation, rung FROM escalations WHERE incident_id = ANY($1::uuid[])',
      [ids],
    );
    const escalationsOf = (incidentId: string) => escalations.filter((e) => e.incident_id === incidentId).map((e) => [e.regime, e.obligation, e.rung]);
    for (const incident of opened) {
      const expected = incident.kind === 'not-due' ? [] : [['GDPR', 'notify-supervisory-authority', 'overdue']];
      expect({ incident: incident.title, escalations: escalationsOf(incident.id) }).toEqual({ incident: incident.title, escalations: expected });
    }
    const { rows: deadlines } = await pool.query<{ incident_id: string; status: string }>('SELECT incident_id, status FROM deadlines WHERE incident_id = ANY($1::uuid[])', [ids]);
    for (const incident of opened) {
      const expected = incident.kind === 'not-due' ? 'pending' : 'overdue';
      expect({ incident: incident.title, statuses: deadlines.filter((d) => d.incident_id === incident.id).map((d) => d.status) }).toEqual({ incident: incident.title, statuses: [expected] });
    }

    // One delivery per (escalation, contact, channel), all sent.
    const deliveryKeys = deliveries.map((d) => `${d.escalation_id} ${d.contact_id} ${d.channel}`);
    expect(new Set(deliveryKeys).size).toBe(deliveries.length);
    expect(deliveries.map((d) => d.escalation_id).sort()).toEqual(escalations.flatMap((e) => [e.escalation_id, e.escalation_id]).sort());

    // The mail server holds each email under its delivery's Message-ID (a copy may repeat only under the same id),
    // and the receiver processed each webhook-id once: the ids of the deliveries on record, no more, no fewer.
    const references = new Set(opened.map((i) => i.reference));
    const mails = sink.messages().filter((m) => [...references].some((r) => forReference(r)(m)));
    const emailDeliveries = deliveries.filter((d) => d.channel === 'email');
    expect([...new Set(mails.map((m) => m.messageId))].sort()).toEqual(emailDeliveries.map((d) => `<${d.id}@breach-response.local>`).sort());
    for (const mail of mails) {
      const delivery = emailDeliveries.find((d) => mail.messageId === `<${d.id}@breach-response.local>`)!;
      const incident = opened.find((i) => i.id === delivery.incident_id)!;
      expect({ to: mail.to, subject: mail.subject }).toEqual({ to: ['dpo@example.test'], subject: `[${incident.reference}] OVERDUE: GDPR notify-supervisory-authority` });
    }
    const webhooks = receiver.processed().filter((w) => references.has(w.payload.data.reference as string));
    expect(webhooks.map((w) => w.id).sort()).toEqual(deliveries.filter((d) => d.channel === 'webhook').map((d) => `msg_${d.id}`).sort());
    expect(receiver.refused()).toBe(0);

    // The audit chain verifies for every incident, read through the surviving API.
    for (const incident of opened) {
      const verify = await bounded({ apiUrl: apiUrls[1]! }, 'GET', `/v1/incidents/${incident.id}/audit/verify`, { key: keys.viewer });
      expect({ incident: incident.title, verify: verify.response?.body }).toMatchObject({ incident: incident.title, verify: { valid: true, firstBroken: null } });
    }

    // The killed ones died of SIGKILL; the survivors still run.
    const { workers, apis } = await stack.listProcesses();
    expect([...workers, ...apis].map((p) => p.signalCode)).toEqual(['SIGKILL', null, 'SIGKILL', null]);
    if (process.env.CHAOS_ECHO === '1') {
      process.stderr.write(
        `scale-out: ${writes.length} writes, ${attempts.length} requests (${attempts.filter((a) => a.error).length} connection errors, ` +
          `${attempts.filter((a) => a.answer?.response?.status === 503).length} × 503, ${attempts.filter((a) => a.answer?.response?.status === 409).length} × 409); ` +
          `kill at ${killedAt - loadStartedAt} ms, load ${loadEndedAt - loadStartedAt} ms, settled ${Date.now() - loadStartedAt} ms; ` +
          `${mails.length} mails for ${emailDeliveries.length} email deliveries, ${receiver.requests()} webhook requests for ${webhooks.length} webhooks\n`,
      );
    }
  }, 240_000);
});

/** The cause of a failed fetch (ECONNREFUSED, a closed socket); anything else is rethrown. */
function connectionError(error: unknown): string {
  // fetch's errors come from Node's realm, not the test's: `instanceof Error` would not match them.
  const failed = error as { name?: string; message?: string; cause?: { code?: string; message?: string } } | undefined;
  if (failed?.name !== 'TypeError' || failed.message !== 'fetch failed') throw error;
  const cause = failed.cause;
  return cause?.code ?? cause?.message ?? failed.message;
}

/** One attempt in a line, for failure messages. */
function describeAttempt(attempt: Attempt): string {
  if (attempt.error) return `API ${attempt.api}: ${attempt.error}`;
  if (attempt.answer?.timedOut) return `API ${attempt.api}: timed out`;
  const response = attempt.answer!.response;
  return `API ${attempt.api}: ${response.status} ${JSON.stringify(response.body)}`;
}
