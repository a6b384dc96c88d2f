import { bounded, forReference, openOverdueIncidents, startChaosStackWithDpo, waitFor, waitUntilSettled, type ChaosStack, type WebhookReceiver } from './chaos-stack';

// Long enough that every send of a round is still waiting for its answer when the worker is killed.
const ANSWER_DELAY_MS = 6_000;
let stack: ChaosStack;
let receiver: WebhookReceiver;

beforeAll(async () => {
  ({ stack, receiver } = await startChaosStackWithDpo('worker-delivery'));
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await receiver?.stop();
});

interface DeliveryRow {
  id: string;
  incident_id: string;
  channel: string;
  status: string;
  attempts: number;
}

describe('worker SIGKILLed in the middle of escalation deliveries', () => {
  it('delivers each overdue email and webhook under one Message-ID / webhook-id, one copy kept, although two workers die before the servers answer', async () => {
    const { pool, sink, keys } = stack;
    // The sink asks for the delay once it has read a whole message: that count says the email is on the wire.
    let emailsRead = 0;
    sink.setAcceptDelay(() => {
      emailsRead += 1;
      return ANSWER_DELAY_MS;
    });
    receiver.setDelay(ANSWER_DELAY_MS);
    // Opened a minute past their 72 h deadline: the overdue rung fires at once, one email and one webhook each.
    const incidents = await openOverdueIncidents(stack, ['Payroll file sent to the wrong supplier', 'Ransomware on the HR file share', 'Lost laptop with customer exports']);
    const ids = incidents.map((i) => i.id);
    const deliveries = async () =>
      (await pool.query<DeliveryRow>('SELECT id, incident_id, channel, status, attempts FROM escalation_deliveries WHERE incident_id = ANY($1::uuid[]) ORDER BY incident_id, channel', [ids])).rows;
    const webhooksFor = (reference: string) => receiver.processed().filter((w) => w.payload.data.reference === reference);

    // Round 1: every send has reached its server, which holds its answer; the worker dies.
    const firstRound = await waitFor('every send of round 1 under way', deliveries, (rows) => rows.length === 6 && emailsRead === 3 && receiver.requests() === 3, 60_000);
    expect(firstRound.map((d) => [d.channel, d.status])).toEqual(Array<string[]>(3).fill(['email', 'pending']).flatMap((e) => [e, ['webhook', 'pending']]));
    await stack.killWorker();
    await waitFor('the SMTP server to drop the 3 emails of the dead worker', async () => sink.discarded().length, (n) => n === 3, 3 * ANSWER_DELAY_MS);

    // Round 2: a new worker retries every send and dies the same way.
    await stack.startWorker();
    await waitFor('every send of round 2 under way', deliveries, (rows) => rows.every((d) => d.attempts === 2) && emailsRead === 6 && receiver.requests() === 6, 90_000);
    await stack.killWorker();
    await waitFor('the SMTP server to drop the 3 emails of the second dead worker', async () => sink.discarded().length, (n) => n === 6, 3 * ANSWER_DELAY_MS);
    // Neither worker lived to hear a 250: the SMTP server kept nothing.
    expect(incidents.map((i) => sink.messages().filter(forReference(i.reference)).length)).toEqual([0, 0, 0]);

    // Round 3: servers answer at once; a third worker delivers.
    sink.setAcceptDelay(0);
    receiver.setDelay(0);
    await stack.startWorker();
    const sent = await waitFor('every delivery sent', deliveries, (rows) => rows.every((d) => d.status === 'sent'), 90_000);
    await waitUntilSettled(stack, incidents.map((i) => i.workflowId));

    // Three attempts on record per delivery: two a dying worker left unfinished, then the one that was sent.
    expect(sent.map((d) => [d.channel, d.status, d.attempts])).toEqual(Array<unknown[]>(3).fill(['email', 'sent', 3]).flatMap((e) => [e, ['webhook', 'sent', 3]]));
    const { rows: attempts } = await pool.query<{ delivery_id: string; outcomes: (string | null)[] }>(
      `SELECT delivery_id, array_agg(outcome ORDER BY attempt, id) AS outcomes FROM delivery_attempts
       WHERE delivery_id = ANY($1::uuid[]) GROUP BY delivery_id`,
      [sent.map((d) => d.id)],
    );
    expect(attempts.map((a) => a.outcomes)).toEqual(Array(6).fill([null, null, 'sent']));

    for (const incident of incidents) {
      const email = sent.find((d) => d.incident_id === incident.id && d.channel === 'email')!;
      const webhook = sent.find((d) => d.incident_id === incident.id && d.channel === 'webhook')!;
      const kept = sink.messages().filter(forReference(incident.reference));
      expect(kept.map((m) => [m.messageId, m.to, m.subject])).toEqual([[`<${email.id}@breach-response.local>`, ['dpo@example.test'], `[${incident.reference}] OVERDUE: GDPR notify-supervisory-authority`]]);
      expect(sink.discarded().filter(forReference(incident.reference))).toHaveLength(2);
      // The webhook reached the receiver three times under one webhook-id, on which it deduplicates.
      expect(webhooksFor(incident.reference).map((w) => [w.id, w.payload.type, w.payload.data.rung])).toEqual([[`msg_${webhook.id}`, 'deadline.overdue', 'overdue']]);
      const read = await bounded(stack, 'GET', `/v1/incidents/${incident.id}`, { key: keys.viewer });
      expect(read.response?.body.deadlines).toEqual([expect.objectContaining({ regime: 'GDPR', status: 'overdue' })]);
      expect(read.response?.body.escalations.map((e: { rung: string }) => e.rung)).toEqual(['overdue']);
      const verify = await bounded(stack, 'GET', `/v1/incidents/${incident.id}/audit/verify`, { key: keys.viewer });
      expect(verify.response?.body).toMatchObject({ valid: true, firstBroken: null });
    }
    expect({ requests: receiver.requests(), refused: receiver.refused() }).toEqual({ requests: 9, refused: 0 });
  }, 240_000);
});
