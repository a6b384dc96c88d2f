import { createHmac, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { pino } from 'pino';
import { createAcknowledgementCallbacks } from '../../src/api/acknowledgement-callbacks';
import type { IncidentWrites } from '../../src/api/incident-writes';
import { ConflictError, NotFoundError } from '../../src/api/problem';
import { isDependencyUnavailable, TemporalTimeoutError } from '../../src/api/unavailable';

const SECRET = 'pd-secret';

/** PostgreSQL as far as the callbacks use it: the replay receipts and one unacknowledged escalation. */
function fakePool(escalation: { escalation_id: string; incident_id: string }) {
  const receipts = new Set<string>();
  const pool = {
    query: jest.fn(async (sql: string, params: unknown[]) => {
      const key = params[0] as string;
      if (sql.startsWith('INSERT INTO callback_receipts')) {
        const fresh = !receipts.has(key);
        receipts.add(key);
        return { rowCount: fresh ? 1 : 0, rows: [] };
      }
      if (sql.startsWith('DELETE FROM callback_receipts')) return { rowCount: receipts.delete(key) ? 1 : 0, rows: [] };
      if (sql.includes('FROM escalations')) return { rowCount: 1, rows: key === escalation.escalation_id ? [{ ...escalation, acknowledged_at: null }] : [] };
      throw new Error(`unexpected query ${sql}`);
    }),
  };
  return { pool: pool as unknown as pg.Pool, receipts };
}

function signedEvent(escalationId: string) {
  const rawBody = Buffer.from(
    JSON.stringify({
      event: {
        id: `evt-${randomUUID()}`,
        event_type: 'incident.acknowledged',
        occurred_at: '2026-12-05T12:00:00Z',
        agent: { id: 'PDANA01', summary: 'Dana Privacy', type: 'user_reference' },
        data: { incident_key: `breach-escalation-${escalationId}` },
      },
    }),
  );
  return { rawBody, signatureHeader: `v1=${createHmac('sha256', SECRET).update(rawBody).digest('hex')}` };
}

describe('createAcknowledgementCallbacks', () => {
  const escalation = { escalation_id: randomUUID(), incident_id: randomUUID() };

  it('rethrows a Temporal outage (answered 503) and forgets the event id, so PagerDuty’s retry acknowledges', async () => {
    const { pool, receipts } = fakePool(escalation);
    const writes = jest.fn<ReturnType<IncidentWrites>, Parameters<IncidentWrites>>().mockRejectedValueOnce(new TemporalTimeoutError(2_500));
    writes.mockResolvedValueOnce({ id: escalation.escalation_id, state: {} } as Awaited<ReturnType<IncidentWrites>>);
    const callbacks = createAcknowledgementCallbacks({ pool, writes: writes, secrets: { pagerDutySecrets: [SECRET] }, logger: pino({ level: 'silent' }) });
    const event = signedEvent(escalation.escalation_id);

    const outage = await callbacks.pagerDuty(event).catch((error: unknown) => error);
    expect(isDependencyUnavailable(outage)).toBe(true);
    expect(receipts.size).toBe(0);

    expect(await callbacks.pagerDuty(event)).toEqual({ outcome: 'acknowledged' });
    expect(receipts.size).toBe(1);
    expect(writes).toHaveBeenLastCalledWith(
      escalation.incident_id,
      'acknowledgeEscalation',
      { escalationId: escalation.escalation_id, acknowledgedBy: 'Dana Privacy (PagerDuty)', via: 'pagerduty' },
      { keyId: null, name: 'Dana Privacy (PagerDuty)', role: 'recipient' },
    );
  });

  it('answers already-acknowledged when another channel acknowledged it meanwhile (the workflow refuses with 409)', async () => {
    const { pool } = fakePool(escalation);
    const writes = jest.fn<ReturnType<IncidentWrites>, Parameters<IncidentWrites>>().mockRejectedValue(new ConflictError('This escalation was already acknowledged.'));
    const callbacks = createAcknowledgementCallbacks({ pool, writes: writes, secrets: { pagerDutySecrets: [SECRET] }, logger: pino({ level: 'silent' }) });
    expect(await callbacks.pagerDuty(signedEvent(escalation.escalation_id))).toEqual({ outcome: 'already-acknowledged' });
  });

  it('tries again when the escalation is stored but its workflow does not hold it yet, and answers 503 if it never does', async () => {
    const { pool } = fakePool(escalation);
    const notYet = () => new NotFoundError(`No escalation ${escalation.escalation_id}.`);
    const writes = jest.fn<ReturnType<IncidentWrites>, Parameters<IncidentWrites>>().mockRejectedValueOnce(notYet());
    writes.mockResolvedValueOnce({ id: escalation.escalation_id, state: {} } as Awaited<ReturnType<IncidentWrites>>);
    const callbacks = createAcknowledgementCallbacks({ pool, writes: writes, secrets: { pagerDutySecrets: [SECRET] }, logger: pino({ level: 'silent' }) });
    expect(await callbacks.pagerDuty(signedEvent(escalation.escalation_id))).toEqual({ outcome: 'acknowledged' });
    expect(writes).toHaveBeenCalledTimes(2);

    writes.mockReset().mockRejectedValue(notYet());
    await expect(callbacks.pagerDuty(signedEvent(escalation.escalation_id))).rejects.toMatchObject({ status: 503, extras: { headers: { 'Retry-After': expect.any(String) } } });
  });

  it('is off without its secret: both integrations answer 404 and read nothing', async () => {
    const { pool } = fakePool(escalation);
    const callbacks = createAcknowledgementCallbacks({ pool, writes: jest.fn(), secrets: { pagerDutySecrets: [] }, logger: pino({ level: 'silent' }) });
    expect(callbacks.enabled).toEqual({ slack: false, pagerDuty: false });
    await expect(callbacks.pagerDuty(signedEvent(escalation.escalation_id))).rejects.toMatchObject({ status: 404 });
    await expect(callbacks.slack({ rawBody: Buffer.from(''), timestamp: undefined, signature: undefined })).rejects.toMatchObject({ status: 404 });
    expect((pool as unknown as { query: jest.Mock }).query).not.toHaveBeenCalled();
  });
});
