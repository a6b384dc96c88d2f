// The case at-least-once is about: the worker dies after the mail server accepted the message (250) and before it
// recorded the delivery as sent. The next worker sends it again under the same Message-ID (and the webhook under
// the same webhook-id), so receivers can deduplicate; nothing is lost, and the engine records one delivery.
import { awareAtDueIn, bounded, forReference, startChaosStackWithDpo, waitFor, waitUntilSettled, writeUntilAnswered, type ChaosStack, type WebhookReceiver } from './chaos-stack';

// Long enough that the webhook of the step is still waiting for its answer when the worker dies.
const WEBHOOK_DELAY_MS = 6_000;
let stack: ChaosStack;
let receiver: WebhookReceiver;

beforeAll(async () => {
  ({ stack, receiver } = await startChaosStackWithDpo('worker-after-accept'));
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await receiver?.stop();
});

interface DeliveryRow {
  id: string;
  channel: string;
  status: string;
  attempts: number;
}

describe('worker SIGKILLed after the mail server accepted an escalation, before recording it (at-least-once with a stable id)', () => {
  it('sends the email again under the same Message-ID and the webhook under the same webhook-id, and records one delivery of each', async () => {
    const { pool, sink, keys } = stack;
    const { worker } = await stack.processes();
    expect(worker.pid).not.toBeNull();
    // The moment the sink has read the whole message and is about to answer 250, the worker is frozen: it can
    // never read that 250, so it cannot record the delivery before it is killed.
    let frozen = false;
    sink.setAcceptDelay(() => {
      if (!frozen) {
        process.kill(worker.pid!, 'SIGSTOP');
        frozen = true;
      }
      return 0;
    });
    receiver.setDelay(WEBHOOK_DELAY_MS);

    const awareAt = awareAtDueIn(-60_000);
    const { final } = await writeUntilAnswered(stack, '/v1/incidents', { key: keys.responder, json: { title: 'Customer export on a public share', detectedAt: awareAt, awareAt } });
    expect(final.status).toBe(201);
    const incident = final.body as { id: string; reference: string; workflowId: string };
    const deliveries = async () =>
      (await pool.query<DeliveryRow>('SELECT id, channel, status, attempts FROM escalation_deliveries WHERE incident_id = $1::uuid ORDER BY channel', [incident.id])).rows;

    // The mail server holds the message (it answered 250 to a live connection); the worker never heard it.
    await waitFor('the sink to accept the overdue email', async () => sink.messages().filter(forReference(incident.reference)).length, (n) => n === 1, 60_000);
    await waitFor('the webhook to be under way', async () => receiver.requests(), (n) => n >= 1, 30_000);
    expect((await deliveries()).map((d) => [d.channel, d.status])).toEqual([
      ['email', 'pending'],
      ['webhook', 'pending'],
    ]);
    await stack.killWorker();

    // A new worker sends both again.
    receiver.setDelay(0);
    await stack.startWorker();
    const sent = await waitFor('both deliveries sent', deliveries, (rows) => rows.length === 2 && rows.every((d) => d.status === 'sent'), 120_000);
    await waitUntilSettled(stack, [incident.workflowId]);

    const email = sent.find((d) => d.channel === 'email')!;
    const webhook = sent.find((d) => d.channel === 'webhook')!;
    // Twice on the mail server, under one Message-ID a receiver deduplicates on: at-least-once, not exactly once.
    const copies = sink.messages().filter(forReference(incident.reference));
    expect(copies.map((m) => m.messageId)).toEqual([`<${email.id}@breach-response.local>`, `<${email.id}@breach-response.local>`]);
    // The webhook reached the receiver at least twice under one webhook-id, which it processed once.
    expect(receiver.requests()).toBeGreaterThanOrEqual(2);
    expect(receiver.processed().filter((w) => w.payload.data.reference === incident.reference).map((w) => w.id)).toEqual([`msg_${webhook.id}`]);
    // One delivery per channel on record, sent, after an attempt the dead worker left unfinished.
    expect(sent.map((d) => [d.channel, d.status, d.attempts])).toEqual([
      ['email', 'sent', 2],
      ['webhook', 'sent', 2],
    ]);
    const read = await bounded(stack, 'GET', `/v1/incidents/${incident.id}`, { key: keys.viewer });
    expect(read.response?.body.escalations.map((e: { rung: string }) => e.rung)).toEqual(['overdue']);
    const verify = await bounded(stack, 'GET', `/v1/incidents/${incident.id}/audit/verify`, { key: keys.viewer });
    expect(verify.response?.body).toMatchObject({ valid: true, firstBroken: null });
  }, 240_000);
});
