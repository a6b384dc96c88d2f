import type pg from 'pg';
import { DELIVERY_CHANNELS } from '../domain/delivery-channel';
import { Gauge, type Registry } from 'prom-client';
import { withTransaction } from '../db/pool';
import { StageSchema } from '../domain/incident';
import {
  countClocks,
  countDeliveries,
  countEscalations,
  countIntakeAlerts,
  countOpenIncidentsByStage,
  type ClocksRow,
  type DeliveriesRow,
  type EscalationsRow,
  type IntakeAlertsRow,
  type OpenIncidentsRow,
} from './business-figures-repository';

/** What one scrape read from PostgreSQL. */
export interface BusinessFigures {
  openIncidents: OpenIncidentsRow[];
  clocks: ClocksRow[];
  escalations: EscalationsRow[];
  deliveries: DeliveriesRow[];
  intakeAlerts: IntakeAlertsRow[];
}

type Labels = Record<string, string>;
/** One value of one series. */
export interface Sample {
  labels: Labels;
  value: number;
}

/** The business gauges: name, help and label names. */
export const BUSINESS_GAUGES = {
  breach_open_incidents: { help: 'Open incidents by stage', labelNames: ['stage'] },
  breach_clocks: { help: 'Clocks (legal deadlines) by regime and status (awaiting-trigger, pending, overdue, met, waived)', labelNames: ['regime', 'status'] },
  breach_clocks_overdue: { help: 'Running clocks of open incidents whose due instant has passed, by regime', labelNames: ['regime'] },
  breach_escalations_raised: { help: 'Escalations raised, by kind (reminder, overdue, overdue-repeat)', labelNames: ['kind'] },
  breach_escalations_acknowledged: { help: 'Escalations acknowledged by a recipient, by kind', labelNames: ['kind'] },
  breach_deliveries: { help: 'Escalation deliveries (one per recipient and channel) by channel and status (pending, sent, failed, withdrawn)', labelNames: ['channel', 'status'] },
  breach_deliveries_retried: { help: 'Escalation deliveries that took more than one attempt, by channel', labelNames: ['channel'] },
  breach_intake_alerts: { help: 'Intake alerts accepted (stored), by status (received, opened, attached, rejected)', labelNames: ['status'] },
} as const;

/** The name of a business gauge. */
export type BusinessGauge = keyof typeof BUSINESS_GAUGES;

const OPEN_STAGES = StageSchema.options.filter((s) => s !== 'closed');
const ESCALATION_KINDS = ['reminder', 'overdue', 'overdue-repeat'];
const CHANNELS: readonly string[] = DELIVERY_CHANNELS;
const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'withdrawn'];
const ALERT_STATUSES = ['received', 'opened', 'attached', 'rejected'];

/** Adds `value` to the sample with these labels, creating it at 0 first. */
function add(samples: Map<string, Sample>, labels: Labels, value: number): void {
  const key = JSON.stringify(labels);
  const sample = samples.get(key) ?? { labels, value: 0 };
  sample.value += value;
  samples.set(key, sample);
}

/** Series for every known label value at 0, so a dashboard shows 0 rather than no data. */
function zeroes(values: readonly string[], label: string): Map<string, Sample> {
  const samples = new Map<string, Sample>();
  for (const v of values) add(samples, { [label]: v }, 0);
  return samples;
}

/** The samples of every business gauge from one read of the figures; known label values are present at 0. */
export function toSamples(figures: BusinessFigures): Record<BusinessGauge, Sample[]> {
  const openIncidents = zeroes(OPEN_STAGES, 'stage');
  for (const r of figures.openIncidents) add(openIncidents, { stage: r.stage }, r.n);

  const clocks = new Map<string, Sample>();
  const overdue = new Map<string, Sample>();
  for (const r of figures.clocks) {
    add(clocks, { regime: r.regime, status: r.status }, r.n);
    add(overdue, { regime: r.regime }, r.overdue);
  }

  const raised = zeroes(ESCALATION_KINDS, 'kind');
  const acknowledged = zeroes(ESCALATION_KINDS, 'kind');
  for (const r of figures.escalations) {
    add(raised, { kind: r.kind }, r.raised);
    add(acknowledged, { kind: r.kind }, r.acknowledged);
  }

  const deliveries = new Map<string, Sample>();
  const retried = zeroes(CHANNELS, 'channel');
  for (const channel of CHANNELS) for (const status of DELIVERY_STATUSES) add(deliveries, { channel, status }, 0);
  for (const r of figures.deliveries) {
    add(deliveries, { channel: r.channel, status: r.status }, r.n);
    add(retried, { channel: r.channel }, r.retried);
  }

  const alerts = zeroes(ALERT_STATUSES, 'status');
  for (const r of figures.intakeAlerts) add(alerts, { status: r.status }, r.n);

  const list = (m: Map<string, Sample>) => [...m.values()];
  return {
    breach_open_incidents: list(openIncidents),
    breach_clocks: list(clocks),
    breach_clocks_overdue: list(overdue),
    breach_escalations_raised: list(raised),
    breach_escalations_acknowledged: list(acknowledged),
    breach_deliveries: list(deliveries),
    breach_deliveries_retried: list(retried),
    breach_intake_alerts: list(alerts),
  };
}

/** Reads every figure family in one read-only transaction on one connection, each query within `timeoutMs`. */
export async function readBusinessFigures(pool: pg.Pool, timeoutMs: number): Promise<BusinessFigures> {
  return withTransaction(pool, async (client) => {
    // A scrape must never hold a connection or a lock for long: read only, every statement bounded.
    await client.query(`SET TRANSACTION READ ONLY`);
    await client.query(`SELECT set_config('statement_timeout', $1, true)`, [String(timeoutMs)]);
    return {
      openIncidents: await countOpenIncidentsByStage(client),
      clocks: await countClocks(client),
      escalations: await countEscalations(client),
      deliveries: await countDeliveries(client),
      intakeAlerts: await countIntakeAlerts(client),
    };
  });
}

/**
 * Registers the business gauges, computed from PostgreSQL when scraped: one read of every figure per scrape
 * (the gauges' collects share it). When PostgreSQL cannot answer, the gauges are empty and
 * `breach_business_figures_up` is 0; the scrape itself still succeeds.
 */
export function registerBusinessMetrics(registry: Registry, options: { pool: pg.Pool; timeoutMs?: number; onError?: (error: unknown) => void }): void {
  const { pool, timeoutMs = 5_000, onError } = options;
  let current: { promise: Promise<Record<BusinessGauge, Sample[]> | undefined>; settledAt?: number } | undefined;
  const samples = () => {
    // Reused while in flight and for a second after: the gauges of one scrape collect at the same time.
    if (!current || (current.settledAt !== undefined && Date.now() - current.settledAt > 1_000)) {
      const entry: NonNullable<typeof current> = {
        promise: readBusinessFigures(pool, timeoutMs).then(toSamples, (error: unknown) => {
          onError?.(error);
          return undefined;
        }),
      };
      void entry.promise.finally(() => {
        entry.settledAt = Date.now();
      });
      current = entry;
    }
    return current.promise;
  };

  new Gauge({
    name: 'breach_business_figures_up',
    help: 'Whether the business figures could be read from PostgreSQL at this scrape (1) or not (0)',
    registers: [registry],
    async collect() {
      this.set((await samples()) ? 1 : 0);
    },
  });
  for (const [name, { help, labelNames }] of Object.entries(BUSINESS_GAUGES) as [BusinessGauge, (typeof BUSINESS_GAUGES)[BusinessGauge]][]) {
    new Gauge({
      name,
      help,
      labelNames: [...labelNames],
      registers: [registry],
      async collect() {
        const all = await samples();
        this.reset();
        for (const s of all?.[name] ?? []) this.set(s.labels, s.value);
      },
    });
  }
}
