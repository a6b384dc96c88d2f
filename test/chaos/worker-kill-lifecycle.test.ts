import { createHash, randomUUID } from 'node:crypto';
import type { ApiResponse } from '../e2e/http';
import { bounded, countIncidentRows, OVERDUE_ONLY_POLICY, startChaosStack, waitFor, writeUntilAnswered, type Bounded, type ChaosStack } from './chaos-stack';

let stack: ChaosStack;

beforeAll(async () => {
  stack = await startChaosStack('worker-lifecycle', { ESCALATION_POLICIES: OVERDUE_ONLY_POLICY });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

interface Write {
  segment: string;
  key: string;
  json: unknown;
}

interface Acknowledged {
  write: Write;
  final: ApiResponse;
  answers: Bounded[];
}

// Each "retry later" answer met on the way is kept, so the test can show the API said so properly.
const retryLaterAnswers: Bounded[] = [];

/** Sends the writes concurrently, each with its own Idempotency-Key, resending on 503 until answered. */
function send(incidentId: string, writes: Write[]): Promise<Acknowledged>[] {
  return writes.map(async (write) => {
    const { final, answers } = await writeUntilAnswered(stack, `/v1/incidents/${incidentId}/${write.segment}`, { key: write.key, json: write.json });
    retryLaterAnswers.push(...answers.filter((a) => !a.timedOut && a.response.status >= 500));
    return { write, final, answers };
  });
}

/** Kills the worker, sends the writes to an incident no worker serves, then starts a new worker. */
async function sendWhileWorkerDead(incidentId: string, writes: Write[]): Promise<Acknowledged[]> {
  await stack.killWorker();
  const pending = send(incidentId, writes);
  await stack.startWorker();
  return Promise.all(pending);
}

/**
 * Holds the incident's audit lock, which every persisting activity takes inside its transaction, sends the
 * writes, and SIGKILLs the worker once its activity waits on that lock: the worker dies in the middle of a
 * persisting transaction, with the other writes queued behind it. Then releases the lock and starts a new worker.
 */
async function sendWhilePersisting(incidentId: string, writes: Write[]): Promise<Acknowledged[]> {
  const holder = await stack.pool.connect();
  let pending: Promise<Acknowledged>[];
  try {
    await holder.query('BEGIN');
    await holder.query(`SELECT pg_advisory_xact_lock(hashtext('audit:' || $1::text))`, [incidentId]);
    const auditRows = () => countIncidentRows(stack.pool, 'audit_events', incidentId);
    const before = await auditRows();
    pending = send(incidentId, writes);
    await waitFor(
      'the worker to wait on the audit lock',
      async () => (await stack.pool.query<{ n: string }>(`SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'`)).rows[0]!.n,
      (n) => n === '1',
      30_000,
    );
    await stack.killWorker();
    expect(await auditRows()).toBe(before);
  } finally {
    await holder.query('ROLLBACK');
    holder.release();
  }
  await stack.startWorker();
  return Promise.all(pending);
}

function statuses(acks: Acknowledged[]): number[] {
  return acks.map((a) => a.final.status);
}

describe('worker SIGKILLed in the middle of each lifecycle stage', () => {
  it('persists every write exactly once, reaches closed, loses no acknowledged finding, and keeps the audit chain valid', async () => {
    const { keys, pool } = stack;
    const now = Date.now();
    const awareAt = new Date(now - 3_600_000).toISOString();
    const opened = await writeUntilAnswered(stack, '/v1/incidents', {
      key: keys.responder,
      json: { title: 'Customer database exposed through a misconfigured bucket', description: 'Readable for 9 days.', detectedAt: awareAt, awareAt },
    });
    expect(opened.final.status).toBe(201);
    const id = opened.final.body.id as string;

    // Containment: both writes sent while no worker runs.
    const confirmedAt = new Date().toISOString();
    const containment = await sendWhileWorkerDead(id, [
      { segment: 'containment-actions', key: keys.responder, json: { action: 'Made the bucket private and rotated its access keys', performedBy: 'Cloud ops', performedAt: new Date().toISOString() } },
      { segment: 'containment-status', key: keys.responder, json: { status: 'contained', confirmedAt } },
    ]);
    expect(statuses(containment)).toEqual([201, 200]);

    // Investigation: six findings and a scope in flight; the worker dies inside the first one's transaction.
    const findingWrites: Write[] = Array.from({ length: 6 }, (_, i) => ({
      segment: 'findings',
      key: keys.responder,
      json: { summary: `Finding ${i + 1}: access logs show downloads from address ${i + 1}`, details: { n: i + 1 } },
    }));
    const investigation = await sendWhilePersisting(id, [
      ...findingWrites,
      { segment: 'scope', key: keys.responder, json: { dataCategories: ['contact details', 'order history'], specialCategories: ['health-data'], dataSubjectsApprox: 12500, recordsApprox: 48000, countries: ['BE', 'FR'], cause: 'Bucket policy changed during a migration', encrypted: false, unintelligible: false, likelyConsequences: 'Phishing aimed at customers' } },
    ]);
    expect(statuses(investigation)).toEqual([201, 201, 201, 201, 201, 201, 201]);
    const acknowledgedFindingIds = investigation.slice(0, 6).map((a) => a.final.body.id as string).sort();

    // Evidence: registered while no worker runs; content, custody and verification once the new worker is up.
    const [registered] = await sendWhileWorkerDead(id, [
      { segment: 'evidence', key: keys.responder, json: { description: 'Bucket access log export', source: 's3://exports-prod access logs', collectedBy: 'Alex Responder', collectedAt: new Date().toISOString(), method: 'log export' } },
    ]);
    expect(registered!.final.status).toBe(201);
    const evidenceId = registered!.final.body.id as string;
    const bytes = Buffer.from(`firewall export ${now}\n`.repeat(200));
    const uploaded = await bounded(stack, 'PUT', `/v1/incidents/${id}/evidence/${evidenceId}/content`, { key: keys.responder, rawBody: bytes, contentType: 'application/octet-stream' });
    expect(uploaded.response?.status).toBe(201);
    const custody = await Promise.all(
      send(id, [
        { segment: `evidence/${evidenceId}/custody`, key: keys.responder, json: { event: 'transferred', from: 'Alex Responder', to: 'Forensics Ltd', purpose: 'Analysis', occurredAt: new Date().toISOString() } },
        { segment: `evidence/${evidenceId}/verify`, key: keys.responder, json: { purpose: 'Before analysis' } },
      ]),
    );
    expect(statuses(custody)).toEqual([201, 201]);

    // Risk assessment: recorded while no worker runs, then signed off.
    const [assessed] = await sendWhileWorkerDead(id, [
      {
        segment: 'risk-assessments',
        key: keys.responder,
        json: {
          inputs: {
            dataProcessingContext: { category: 'sensitive', adjustment: -1, rationale: 'Order history reveals some health information' },
            easeOfIdentification: { level: 'maximum', rationale: 'Names and e-mail addresses' },
            circumstances: { lossOfConfidentiality: 0.5, lossOfIntegrity: 0, lossOfAvailability: 0, maliciousIntent: false, rationale: 'Downloaded by unknown parties' },
          },
        },
      },
    ]);
    expect(assessed!.final.status).toBe(201);
    expect(assessed!.final.body.state.riskAssessment).toMatchObject({ version: 1, score: 3.5, band: 'high' });
    const [signed] = await Promise.all(send(id, [{ segment: `risk-assessments/${assessed!.final.body.id as string}/sign-off`, key: keys.dpo, json: {} }]));
    expect(signed!.final.status).toBe(200);

    // Notification: both decisions while no worker runs, then the notices.
    const decisions = await sendWhileWorkerDead(id, [
      { segment: 'decisions/supervisory-authority', key: keys.dpo, json: { decision: 'notify' } },
      { segment: 'decisions/data-subjects', key: keys.dpo, json: { decision: 'notify' } },
    ]);
    expect(statuses(decisions)).toEqual([200, 200]);
    // The API keeps nothing of its own: a restarted one serves the notices.
    await stack.stopApi();
    await stack.startApi();
    const notices = await Promise.all(
      send(id, [
        { segment: 'notifications/supervisory-authority', key: keys.dpo, json: { authority: 'Autorité de protection des données (BE)', submittedAt: new Date().toISOString(), reference: 'APD-2026-0042', phase: 'initial' } },
        { segment: 'notifications/data-subjects', key: keys.dpo, json: { channel: 'email', recipients: 12480, sentAt: new Date().toISOString() } },
      ]),
    );
    expect(statuses(notices)).toEqual([201, 201]);

    // Closing: sent once while no worker runs, it is answered 503, yet the update Temporal accepted is applied by
    // the next worker. The retry with the same Idempotency-Key must answer with that outcome, not refuse it.
    await stack.killWorker();
    const closeBody = { kind: 'resolved', lessonsLearned: 'Bucket policies are now checked in CI.' };
    const closeKey = randomUUID();
    const closeOnce = () => bounded(stack, 'POST', `/v1/incidents/${id}/close`, { key: keys.dpo, json: closeBody, headers: { 'idempotency-key': closeKey } });
    const unanswered = await closeOnce();
    expect(unanswered.response?.status).toBe(503);
    await stack.startWorker();
    const applied = await waitFor(
      'the close answered 503 to be applied by the next worker',
      async () => (await pool.query<{ status: string }>('SELECT status FROM incidents WHERE id = $1::uuid', [id])).rows[0]?.status,
      (status) => status === 'closed',
      60_000,
    );
    expect(applied).toBe('closed');
    const closed = await closeOnce();
    expect(closed.response?.status).toBe(200);
    expect(closed.response?.body.state).toMatchObject({ status: 'closed', stage: 'closed', findings: 6, scopeVersion: 1, containment: { status: 'contained', actions: 1 } });
    const replayed = await closeOnce();
    expect({ status: replayed.response?.status, replayed: replayed.response?.headers.get('idempotent-replayed'), id: replayed.response?.body.id }).toEqual({ status: 200, replayed: 'true', id: closed.response?.body.id });

    const read = await bounded(stack, 'GET', `/v1/incidents/${id}`, { key: keys.viewer });
    expect(read.response!.body).toMatchObject({ status: 'closed', stage: 'closed', containment: { status: 'contained' }, closure: { kind: 'resolved' } });
    expect(read.response!.body.deadlines[0]).toMatchObject({ regime: 'GDPR', status: 'met' });

    // Every acknowledged write is in PostgreSQL exactly once, and nothing else is.
    const { rows: findingRows } = await pool.query<{ id: string }>('SELECT id FROM findings WHERE incident_id = $1::uuid ORDER BY id', [id]);
    expect(findingRows.map((r) => r.id)).toEqual(acknowledgedFindingIds);
    const counts = Object.fromEntries(
      await Promise.all(
        (['containment_actions', 'scope_versions', 'evidence_items', 'custody_events', 'risk_assessments', 'notification_decisions', 'notices'] as const).map(
          async (table) => [table, await countIncidentRows(pool, table, id)] as const,
        ),
      ),
    );
    expect(counts).toEqual({ containment_actions: 1, scope_versions: 1, evidence_items: 1, custody_events: 3, risk_assessments: 1, notification_decisions: 2, notices: 2 });
    const { rows: evidenceRows } = await pool.query('SELECT sha256, content_stored FROM evidence_items WHERE id = $1::uuid', [evidenceId]);
    expect(evidenceRows).toEqual([{ sha256: createHash('sha256').update(bytes).digest('hex'), content_stored: true }]);

    const timeline = await bounded(stack, 'GET', `/v1/incidents/${id}/timeline?limit=500`, { key: keys.viewer });
    const types = (timeline.response!.body.items as { eventType: string }[]).map((i) => i.eventType);
    expect(types.filter((t) => t === 'finding-recorded')).toHaveLength(6);
    expect([...types].sort()).toEqual(
      [
        'incident-opened',
        'containment-action-recorded',
        'containment-status-changed',
        ...Array<string>(6).fill('finding-recorded'),
        'scope-recorded',
        'evidence-registered',
        'evidence-content-stored',
        'custody-event-recorded',
        'custody-event-recorded',
        'risk-assessed',
        'risk-assessment-signed-off',
        'authority-decision-recorded',
        'subjects-decision-recorded',
        'authority-notice-recorded',
        'subjects-notice-recorded',
        'incident-closed',
      ].sort(),
    );
    const verify = await bounded(stack, 'GET', `/v1/incidents/${id}/audit/verify`, { key: keys.viewer });
    expect(verify.response!.body).toEqual({ valid: true, checked: types.length, firstBroken: null, head: { seq: types.length, hash: expect.stringMatching(/^[0-9a-f]{64}$/), found: true } });

    // Answers met while the worker was down said "retry later" properly: 503 problem+json with Retry-After.
    for (const answer of retryLaterAnswers) {
      expect({ status: answer.response!.status, retryAfter: answer.response!.headers.get('retry-after'), type: answer.response!.headers.get('content-type') }).toEqual({
        status: 503,
        retryAfter: '5',
        type: expect.stringContaining('application/problem+json'),
      });
    }
  }, 240_000);
});
