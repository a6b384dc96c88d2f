// The DPO's mail server and webhook endpoint stop answering: escalation sends hang until their timeouts. They
// hold slots of their own task queue only, so opening incidents and recording findings go on at full speed,
// and once the DPO's servers answer again every escalation is delivered, one copy per Message-ID / webhook-id.
import { awareAtDueIn, bounded, forReference, startChaosStackWithDpo, waitFor, type ChaosStack, type WebhookReceiver } from './chaos-stack';

const DELIVERY_SLOTS = 2;
// Longer than the test's stalled phase, so no hung send gives up (and frees its slot) before it ends.
const WEBHOOK_TIMEOUT_MS = 25_000;
const HANG_MS = 10 * 60_000;
// An open or a write takes a few hundred milliseconds; one queued behind a hung send would take its timeout.
const PROMPT_MS = 5_000;

let stack: ChaosStack;
let receiver: WebhookReceiver;

beforeAll(async () => {
  ({ stack, receiver } = await startChaosStackWithDpo('stalled-deliveries', {
    WORKER_MAX_CONCURRENT_DELIVERIES: String(DELIVERY_SLOTS),
    WEBHOOK_TIMEOUT_MS: String(WEBHOOK_TIMEOUT_MS),
  }));
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await receiver?.stop();
});

describe('escalation deliveries hanging on dead servers', () => {
  it('hold only their own slots: incidents open and findings land promptly meanwhile, and every escalation arrives once afterwards', async () => {
    const { pool, sink, keys } = stack;
    let emailsRead = 0;
    sink.setAcceptDelay(() => {
      emailsRead += 1;
      return HANG_MS;
    });
    receiver.setDelay(HANG_MS);
    const sendsStarted = () => emailsRead + receiver.requests();

    const open = async (title: string, awareAt: string) => {
      const answer = await bounded<{ id: string; reference: string }>(stack, 'POST', '/v1/incidents', { key: keys.responder, json: { title, detectedAt: awareAt, awareAt } });
      expect(answer.response?.status).toBe(201);
      return { ...answer.response!.body, ms: answer.ms };
    };
    // Four incidents opened past their 72 h deadline: each escalates at once to the DPO, by email and webhook.
    const overdue: Awaited<ReturnType<typeof open>>[] = [];
    for (const title of ['Payroll file sent to the wrong supplier', 'Ransomware on the HR file share', 'Lost laptop with customer exports', 'Exposed S3 bucket of invoices']) {
      overdue.push(await open(title, awareAtDueIn(-60_000)));
    }
    await waitFor('every delivery slot held by a hung send', async () => sendsStarted(), (n) => n >= DELIVERY_SLOTS, 30_000);

    // Stalled phase: 8 sends are due, the 2 slots are held. Incidents still open and findings still land.
    const timings: { what: string; ms: number }[] = [];
    for (const title of ['Phishing of the finance mailbox', 'Misdirected claims letter', 'Stolen badge reader logs']) {
      const incident = await open(title, awareAtDueIn(48 * 3_600_000));
      timings.push({ what: `open ${title}`, ms: incident.ms });
      const finding = await bounded(stack, 'POST', `/v1/incidents/${incident.id}/findings`, { key: keys.responder, json: { summary: 'Scope confirmed by the mail gateway logs' } });
      expect(finding.response?.status).toBe(201);
      timings.push({ what: `finding on ${incident.reference}`, ms: finding.ms });
    }
    expect(timings.filter((t) => t.ms > PROMPT_MS)).toEqual([]);
    // Nothing else was sent meanwhile: the slots were held throughout, and nothing of the incidents' took one.
    expect(sendsStarted()).toBe(DELIVERY_SLOTS);
    const { rows: waiting } = await pool.query<{ n: string }>(
      "SELECT count(*) AS n FROM escalation_deliveries WHERE incident_id = ANY($1::uuid[]) AND status = 'pending'",
      [overdue.map((i) => i.id)],
    );
    expect(Number(waiting[0]!.n)).toBe(2 * overdue.length);

    // The DPO's servers answer again: the hung sends time out and are retried, the queued ones go out.
    sink.setAcceptDelay(0);
    receiver.setDelay(0);
    const deliveries = async () =>
      (await pool.query<{ status: string }>('SELECT status FROM escalation_deliveries WHERE incident_id = ANY($1::uuid[])', [overdue.map((i) => i.id)])).rows;
    await waitFor('every delivery sent', deliveries, (rows) => rows.length === 2 * overdue.length && rows.every((d) => d.status === 'sent'), 120_000);
    for (const incident of overdue) {
      expect(sink.messages().filter(forReference(incident.reference))).toHaveLength(1);
      expect(receiver.processed().filter((w) => w.payload.data.reference === incident.reference)).toHaveLength(1);
    }
  }, 240_000);
});
