import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Request, Response } from 'express';
import type pg from 'pg';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { withTransaction } from '../db/pool';
import {
  expireIntakeSecrets,
  findIntakeSource,
  findIntakeSourceWithSecrets,
  insertIntakeSecret,
  insertIntakeSource,
  listIncidentAlerts,
  listIntakeSources,
  setIntakeSourceDisabled,
  type IntakeSourceRow,
} from '../db/intake-repository';
import { normalizeAlert } from '../domain/intake';
import { countAndInsertIntakeAlert, findIntakeAlertByDelivery, findIntakeAlertStatus } from '../db/intake-alerts-repository';
import type { AlertDelivery, AlertStatusRead, IntakeAccepted, IntakeSourceCreate, IntakeSourceRead } from '../domain/intake-source';
import { toUtcIso } from '../domain/time';
import { HttpProblem, NotFoundError, UnauthorizedError } from './problem';

/** A new Standard Webhooks signing secret: `whsec_` and base64 of 32 random bytes. */
function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * The workflow id of the correlation group an alert belongs to: its source and correlation key, or its own
 * webhook-id when it has none. `v2`: groups that receive alert ids by signal; a group of the earlier kind
 * (alerts by update) still running under the unversioned id is never signalled, so it cannot take an alert it
 * would not understand.
 */
export function correlationWorkflowId(sourceId: string, correlationKey: string | null, webhookId: string): string {
  const key = correlationKey === null ? `webhook:${webhookId}` : `key:${correlationKey}`;
  return `alert-group-v2-${createHash('sha256').update(`${sourceId}\n${key}`).digest('hex').slice(0, 40)}`;
}

/**
 * Intake sources (admin), the signed intake endpoint that stores alerts, and their status. Temporal is not
 * called here: the worker's dispatcher hands stored alerts to their correlation groups.
 */
export function createIntakeService(deps: { pool: pg.Pool; temporal?: Client; taskQueue?: string; rpcTimeoutMs?: number; publicUrl: string }) {
  const { pool } = deps;
  const statusUrlOf = (alertId: string) => `${deps.publicUrl}/v1/alerts/${alertId}`;

  const toRead = (row: IntakeSourceRow): IntakeSourceRead => ({
    id: row.id,
    name: row.name,
    format: row.format,
    correlationWindowHours: row.correlation_window_hours,
    rateLimitPerMinute: row.rate_limit_per_minute,
    disabled: row.disabled_at !== null,
    createdAt: toUtcIso(row.created_at),
    intakeUrl: `${deps.publicUrl}/v1/intake/${row.id}`,
  });

  async function source(id: string): Promise<IntakeSourceRow> {
    const row = await findIntakeSource(pool, id);
    if (!row) throw new NotFoundError(`No intake source ${id}.`);
    return row;
  }

  return {
    async create(input: IntakeSourceCreate) {
      const secret = newSecret();
      const row = await withTransaction(pool, async (client) => {
        const created = await insertIntakeSource(client, { id: randomUUID(), name: input.name, format: input.format, windowHours: input.correlationWindowHours, ratePerMinute: input.rateLimitPerMinute });
        await insertIntakeSecret(client, created.id, randomUUID(), secret);
        return created;
      });
      return { ...toRead(row), secret };
    },

    async list(): Promise<IntakeSourceRead[]> {
      return (await listIntakeSources(pool)).map(toRead);
    },

    /** A new secret; the current ones keep verifying for `overlapHours`, so the tool can switch without losing alerts. */
    async rotate(id: string, overlapHours: number) {
      const row = await source(id);
      const secret = newSecret();
      await withTransaction(pool, async (client) => {
        await expireIntakeSecrets(client, id, overlapHours);
        await insertIntakeSecret(client, id, randomUUID(), secret);
      });
      return { ...toRead(row), secret };
    },

    /** The alerts attached to an incident, oldest first. */
    async alerts(incidentId: string) {
      const rows = await listIncidentAlerts(pool, incidentId);
      return rows.map((a) => ({
        id: a.id,
        sourceId: a.source_id,
        webhookId: a.webhook_id,
        format: a.format,
        externalId: a.external_id,
        title: a.title,
        severity: a.severity,
        detectedAt: toUtcIso(a.detected_at),
        correlationKey: a.correlation_key,
        assets: a.assets,
        receivedAt: toUtcIso(a.received_at),
      }));
    },

    async setDisabled(id: string, disabled: boolean): Promise<IntakeSourceRead> {
      const row = await setIntakeSourceDisabled(pool, id, disabled);
      if (!row) throw new NotFoundError(`No intake source ${id}.`);
      return toRead(row);
    },

    /**
     * Verifies a delivery (Standard Webhooks over the raw body, any active secret, ±5 minutes), rate-limits
     * it and stores the alert, once per webhook-id; the worker's dispatcher hands it to its correlation group
     * afterwards. Nothing is stored before the signature verifies and the alert parses.
     */
    async receive(sourceId: string, req: Request, res: Response): Promise<IntakeAccepted> {
      const row = await findIntakeSourceWithSecrets(pool, sourceId);
      if (!row || row.disabled_at) throw new NotFoundError(`No active intake source ${sourceId}.`);
      const body = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
      const headers = {
        'webhook-id': req.get('webhook-id') ?? '',
        'webhook-timestamp': req.get('webhook-timestamp') ?? '',
        'webhook-signature': req.get('webhook-signature') ?? '',
      };
      const verified = row.secrets.some((secret) => {
        const webhook = new Webhook(secret);
        try {
          webhook.verify(body, headers);
          return true;
        } catch (error) {
          // verify() also parses the body as JSON: a signed body that is not JSON is a 422 below, not a 401.
          return !(error instanceof WebhookVerificationError);
        }
      });
      if (!verified) throw new UnauthorizedError('The webhook signature is missing, invalid or outside the ±5 minute tolerance.');

      const webhookId = headers['webhook-id'];
      let payload: unknown;
      try {
        payload = JSON.parse(body);
      } catch {
        throw new HttpProblem(422, 'Invalid request', 'The payload is not JSON.', { type: 'validation-error', errors: [{ location: 'body', path: [], code: 'invalid_json', message: 'Not JSON' }] });
      }
      const receivedAt = new Date().toISOString();
      const normalized = normalizeAlert(row.format, payload, { receivedAt });
      if (!normalized.ok) {
        throw new HttpProblem(422, 'Invalid request', `The payload is not a valid ${row.format} alert: see errors.`, {
          type: 'validation-error',
          errors: normalized.issues.map((i) => ({ location: 'body', path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), code: i.code, message: i.message })),
        });
      }

      const delivery: AlertDelivery = { sourceId, sourceName: row.name, webhookId, receivedAt, alert: normalized.alert };
      const groupId = correlationWorkflowId(sourceId, normalized.alert.correlationKey, webhookId);
      // One row is both the alert and its deduplication record: a redelivery (same webhook-id) inserts nothing
      // and answers the alert the first delivery stored, with its status now. Counting the request in the
      // source's rate and storing the alert are one statement: a 429 stores nothing.
      const limit = row.rate_limit_per_minute;
      const counted = await countAndInsertIntakeAlert(pool, { id: randomUUID(), sourceId, webhookId, groupId, delivery, receivedAt, ratePerMinute: limit });
      const resetSeconds = Math.max(1, Math.ceil((counted.resetAt.getTime() - Date.now()) / 1000));
      res.set({ 'RateLimit-Limit': String(limit), 'RateLimit-Remaining': String(Math.max(0, limit - counted.requests)), 'RateLimit-Reset': String(resetSeconds) });
      if (counted.requests > limit) {
        throw new HttpProblem(429, 'Too Many Requests', `This source may send ${limit} requests a minute.`, { headers: { 'Retry-After': String(resetSeconds) } });
      }
      const stored = counted.alert ?? (await findIntakeAlertByDelivery(pool, sourceId, webhookId));
      if (!stored) throw new Error(`The alert of webhook-id ${webhookId} was neither stored nor found`);
      return { alertId: stored.id, status: stored.status, statusUrl: statusUrlOf(stored.id) };
    },

    /** An accepted alert's processing: received, opened or attached (with the incident), or rejected (with the reason). */
    async alertStatus(alertId: string): Promise<AlertStatusRead> {
      const row = await findIntakeAlertStatus(pool, alertId);
      if (!row) throw new NotFoundError(`No alert ${alertId}.`);
      return {
        id: row.id,
        sourceId: row.source_id,
        webhookId: row.webhook_id,
        status: row.status,
        receivedAt: toUtcIso(row.received_at),
        processedAt: row.processed_at ? toUtcIso(row.processed_at) : null,
        incident: row.incident_id && row.reference ? { id: row.incident_id, reference: row.reference } : null,
        rejectionReason: row.rejection,
      };
    },
  };
}

export type IntakeService = ReturnType<typeof createIntakeService>;
