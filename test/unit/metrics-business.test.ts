import { Gauge, Registry } from 'prom-client';
import { BUSINESS_GAUGES, toSamples, type BusinessFigures } from '../../src/metrics/business-metrics';
import { escalationLatenessSeconds } from '../../src/metrics/escalation-lateness';

const NONE: BusinessFigures = { openIncidents: [], clocks: [], escalations: [], deliveries: [], intakeAlerts: [] };

describe('toSamples', () => {
  it('gives every gauge a series for each known label value at 0 when PostgreSQL holds nothing', () => {
    const samples = toSamples(NONE);
    expect(Object.keys(samples).sort()).toEqual(Object.keys(BUSINESS_GAUGES).sort());
    expect(samples.breach_open_incidents).toEqual(
      ['detected', 'containment', 'investigation', 'evidence-preservation', 'risk-assessment', 'notification'].map((stage) => ({ labels: { stage }, value: 0 })),
    );
    expect(samples.breach_escalations_raised.map((s) => s.labels.kind)).toEqual(['reminder', 'overdue', 'overdue-repeat']);
    // Every channel (email, webhook, Slack both ways, Teams, PagerDuty) by every status (pending, sent, failed, withdrawn).
    expect(samples.breach_deliveries).toHaveLength(6 * 4);
    expect(samples.breach_intake_alerts.map((s) => s.labels.status)).toEqual(['received', 'opened', 'attached', 'rejected']);
    expect(samples.breach_clocks).toEqual([]);
    expect(samples.breach_clocks_overdue).toEqual([]);
  });

  it('maps each row to its series, and sums overdue clocks over the statuses of a regime', () => {
    const samples = toSamples({
      openIncidents: [{ stage: 'detected', n: 4 }, { stage: 'investigation', n: 2 }],
      clocks: [
        { regime: 'GDPR', status: 'pending', n: 5, overdue: 1 },
        { regime: 'GDPR', status: 'overdue', n: 3, overdue: 3 },
        { regime: 'GDPR', status: 'met', n: 7, overdue: 0 },
        { regime: 'NIS2', status: 'awaiting-trigger', n: 2, overdue: 0 },
      ],
      escalations: [{ kind: 'reminder', raised: 9, acknowledged: 1 }, { kind: 'overdue', raised: 3, acknowledged: 2 }],
      deliveries: [{ channel: 'email', status: 'sent', n: 8, retried: 2 }, { channel: 'email', status: 'failed', n: 1, retried: 1 }, { channel: 'webhook', status: 'pending', n: 2, retried: 0 }],
      intakeAlerts: [{ status: 'opened', n: 6 }, { status: 'rejected', n: 1 }],
    });
    const value = (gauge: keyof typeof samples, labels: Record<string, string>) => samples[gauge].find((s) => JSON.stringify(s.labels) === JSON.stringify(labels))?.value;
    expect(value('breach_open_incidents', { stage: 'detected' })).toBe(4);
    expect(value('breach_open_incidents', { stage: 'investigation' })).toBe(2);
    expect(value('breach_open_incidents', { stage: 'notification' })).toBe(0);
    expect(value('breach_clocks', { regime: 'GDPR', status: 'met' })).toBe(7);
    expect(value('breach_clocks', { regime: 'NIS2', status: 'awaiting-trigger' })).toBe(2);
    expect(samples.breach_clocks_overdue).toEqual([{ labels: { regime: 'GDPR' }, value: 4 }, { labels: { regime: 'NIS2' }, value: 0 }]);
    expect(value('breach_escalations_raised', { kind: 'reminder' })).toBe(9);
    expect(value('breach_escalations_acknowledged', { kind: 'overdue' })).toBe(2);
    expect(value('breach_escalations_raised', { kind: 'overdue-repeat' })).toBe(0);
    expect(value('breach_deliveries', { channel: 'email', status: 'sent' })).toBe(8);
    expect(value('breach_deliveries', { channel: 'webhook', status: 'failed' })).toBe(0);
    expect(samples.breach_deliveries_retried).toEqual(
      ['email', 'webhook', 'slack', 'slack-app', 'teams', 'pagerduty'].map((channel) => ({ labels: { channel }, value: channel === 'email' ? 3 : 0 })),
    );
    expect(value('breach_intake_alerts', { status: 'opened' })).toBe(6);
    expect(value('breach_intake_alerts', { status: 'received' })).toBe(0);
  });

  it('fits the gauges it is declared for: prom-client takes every sample under its gauge’s label names', async () => {
    const registry = new Registry();
    const samples = toSamples({ ...NONE, clocks: [{ regime: 'GDPR', status: 'pending', n: 1, overdue: 0 }] });
    for (const [name, { help, labelNames }] of Object.entries(BUSINESS_GAUGES)) {
      const gauge = new Gauge({ name, help, labelNames: [...labelNames], registers: [registry] });
      for (const s of samples[name as keyof typeof samples]) gauge.set(s.labels, s.value);
    }
    const text = await registry.metrics();
    expect(text).toContain('breach_clocks{regime="GDPR",status="pending"} 1');
    expect(text).toContain('breach_open_incidents{stage="detected"} 0');
    expect(text).toContain('breach_deliveries{channel="webhook",status="failed"} 0');
  });
});

describe('escalationLatenessSeconds', () => {
  // GDPR Art. 33(1): 72 hours from awareness; the default ladder's first reminder is at +24 h, the overdue rung at +72 h.
  const clock = { startsAt: '2026-03-28T08:00:00Z', dueAt: '2026-03-31T08:00:00Z' };

  it('measures from the ladder step’s own instant, not the clock’s due time', () => {
    expect(escalationLatenessSeconds({ rung: 'reminder-1', raisedAt: '2026-03-29T08:01:30Z' }, clock)).toBe(90);
    expect(escalationLatenessSeconds({ rung: 'overdue', raisedAt: '2026-03-31T08:00:00.250Z' }, clock)).toBe(0.25);
  });

  it('lays repeats on the clock too (every 12 h after the due time under the default ladder)', () => {
    expect(escalationLatenessSeconds({ rung: 'overdue-repeat-2', raisedAt: '2026-04-01T08:00:02Z' }, clock)).toBe(2);
  });

  it('measures nothing for a clock without instants or a step the policy does not have', () => {
    expect(escalationLatenessSeconds({ rung: 'reminder-1', raisedAt: '2026-03-29T08:00:00Z' }, { startsAt: null, dueAt: null })).toBeUndefined();
    expect(escalationLatenessSeconds({ rung: 'reminder-9', raisedAt: '2026-03-29T08:00:00Z' }, clock)).toBeUndefined();
  });
});
