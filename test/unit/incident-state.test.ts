// The incident workflow's rules, without Temporal: the state class the handlers call, driven directly.
import fc from 'fast-check';
import { IncidentRuleError, type IncidentRuleKind } from '../../src/domain/errors';
import type { EvidenceRegister, Scope } from '../../src/domain/lifecycle';
import { computeSeverity, type SeverityInput } from '../../src/domain/severity';
import type { PlannedDelivery } from '../../src/domain/planned-delivery';
import type { WorkingHours } from '../../src/domain/working-hours';
import { toUtcIso } from '../../src/domain/time';
import { IncidentState, type IncidentContext } from '../../src/workflows/incident-state';
import { DELIVERY_RETRY_BUDGET_MS } from '../../src/workflows/incident/deliveries-in-flight';

const HOUR = 3_600_000;
const AWARE_MS = Date.parse('2026-03-02T09:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
/** An instant as the clocks hold it: UTC, whole seconds without a fraction. */
const utc = (ms: number) => toUtcIso(iso(ms));
const at = (hours: number) => AWARE_MS + hours * HOUR;
const GDPR = { regime: 'GDPR', obligation: 'notify-supervisory-authority' } as const;
const CONTEXT: IncidentContext = { organisation: { establishment: ['IE'], sectorFlags: [], actingAs: 'controller' }, policies: {} };
const sha = (c: string) => c.repeat(64);

function severityInput(category: SeverityInput['dataProcessingContext']['category'], level: SeverityInput['easeOfIdentification']['level'], confidentiality: number, maliciousIntent: boolean): SeverityInput {
  return {
    dataProcessingContext: { category, adjustment: 0, rationale: 'Payroll records' },
    easeOfIdentification: { level, rationale: 'Names in clear' },
    circumstances: { lossOfConfidentiality: confidentiality, lossOfIntegrity: 0, lossOfAvailability: 0, maliciousIntent, rationale: 'One recipient' },
  };
}
/** Register only. */
const LOW_RISK = computeSeverity(severityInput('simple', 'negligible', 0, false));
/** Notify the authority and the data subjects. */
const HIGH_RISK = computeSeverity(severityInput('sensitive', 'maximum', 0.5, true));

const SCOPE: Scope = { dataCategories: ['contact details'], specialCategories: [], dataSubjectsApprox: 1200, recordsApprox: 5000, affectedSystems: [], countries: ['IE'], affected: [], encrypted: false, unintelligible: false };
const EVIDENCE: EvidenceRegister = { description: 'Mail server log export', source: 'mx1.example.org', collectedBy: 'Forensics', collectedAt: iso(AWARE_MS), method: 'log export' };

/** An incident opened at AWARE_MS, aware at once: one GDPR Art. 33 clock due 72 h later. */
function opened(): IncidentState {
  const state = new IncidentState('6f1c2a7e-1111-4c1d-9a7b-000000000001');
  state.openingClocks({ incident: { title: 'Misdirected payroll export', detectedAt: iso(AWARE_MS), awareAt: iso(AWARE_MS) }, actor: { keyId: null, name: 'DPO', role: 'dpo' } }, CONTEXT, AWARE_MS);
  state.open('BR-2026-0001');
  return state;
}

/** An incident with a risk assessment signed off as suggested. */
function signedOff(result = LOW_RISK): IncidentState {
  const state = opened();
  state.setAssessment('a-1', state.nextAssessmentVersion(), result, result.suggestedOutcome);
  state.signOff(state.finalOutcomeOf({}), at(1));
  return state;
}

/** The rule error `fn` throws, as kind and message; fails when it throws none. */
function refusal(fn: () => unknown): { kind: IncidentRuleKind; message: string } {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(IncidentRuleError);
    const { kind, message } = error as IncidentRuleError;
    return { kind, message };
  }
  throw new Error('expected a rule error, none was thrown');
}

/** The state after a JSON round trip through continue-as-new's carried input. */
function roundTrip(state: IncidentState): IncidentState {
  return IncidentState.from(JSON.parse(JSON.stringify(state.carry())) as ReturnType<IncidentState['carry']>);
}

const gdprClock = (state: IncidentState) => state.deadlines.find((d) => d.regime === GDPR.regime && d.obligation === GDPR.obligation)!;

describe('IncidentState lifecycle gates', () => {
  it('refuses writes before the incident is opened (not-found) and after it is closed (conflict)', () => {
    expect(refusal(() => new IncidentState('x').checkWritable())).toEqual({ kind: 'not-found', message: 'The incident has not been opened.' });
    const state = opened();
    expect(() => state.checkWritable()).not.toThrow();
    state.close({ kind: 'not-a-breach', reason: 'A test mailbox' }, iso(at(2)));
    expect(refusal(() => state.checkWritable())).toEqual({ kind: 'conflict', message: 'The incident is closed; closed incidents stay on record unchanged.' });
  });

  it('moves the stage forward only: a containment action after a finding leaves it at investigation', () => {
    const state = opened();
    expect(state.stage).toBe('detected');
    state.addContainmentAction();
    expect({ stage: state.stage, containment: state.containment }).toEqual({ stage: 'containment', containment: { status: 'in-progress', confirmedAt: null, actions: 1 } });
    state.addFinding();
    state.addContainmentAction();
    expect({ stage: state.stage, findings: state.findings, actions: state.containment.actions }).toEqual({ stage: 'investigation', findings: 1, actions: 2 });
  });

  it('versions the scope and leaves the GDPR clock as it was when the scope adds no regime', () => {
    const state = opened();
    const before = gdprClock(state);
    expect(state.setScope(state.nextScopeVersion(), SCOPE, at(1))).toEqual([]);
    expect(state.setScope(state.nextScopeVersion(), { ...SCOPE, recordsApprox: 6000 }, at(2))).toEqual([]);
    expect({ version: state.scopeVersion, records: state.scope?.recordsApprox, gdpr: gdprClock(state) }).toEqual({ version: 2, records: 6000, gdpr: before });
  });

  it('closes as resolved only once nothing blocks it, naming the open GDPR clock while it does', () => {
    const state = opened();
    expect(state.closureBlockers()).toEqual([{ path: ['deadlines', 'GDPR/notify-supervisory-authority'], message: 'Obligation GDPR notify-supervisory-authority is pending: meet it or waive it with a reason' }]);
    expect(refusal(() => state.checkClose({ kind: 'resolved', lessonsLearned: 'Check recipients' }))).toEqual({
      kind: 'conflict',
      message: 'The incident cannot close yet: Obligation GDPR notify-supervisory-authority is pending: meet it or waive it with a reason.',
    });
    state.addAuthorityNotice('n-1', { authority: 'DPC', submittedAt: iso(at(10)), phase: 'initial' }, false, at(10));
    expect(state.closureBlockers()).toEqual([]);
    expect(() => state.checkClose({ kind: 'resolved', lessonsLearned: 'Check recipients' })).not.toThrow();
    expect(state.close({ kind: 'resolved', lessonsLearned: 'Check recipients' }, iso(at(11)))).toEqual([]);
    expect({ status: state.status, stage: state.stage, closure: state.closure }).toEqual({ status: 'closed', stage: 'closed', closure: { kind: 'resolved', closedAt: iso(at(11)) } });
  });

  it('closing as not-a-breach waives every open clock with the reason and returns them', () => {
    const state = opened();
    const changed = state.close({ kind: 'not-a-breach', reason: 'Encrypted laptop' }, iso(at(3)));
    expect(changed).toEqual([expect.objectContaining({ ...GDPR, status: 'waived', waivedReason: 'Not a personal data breach: Encrypted laptop' })]);
    expect(state.deadlines).toEqual(changed);
  });

  it('records an attached alert once', () => {
    const state = opened();
    state.addAlert('alert-1');
    state.addAlert('alert-1');
    expect({ has: state.hasAlert('alert-1'), alerts: state.snapshot().alerts }).toEqual({ has: true, alerts: 1 });
  });
});

describe('IncidentState evidence', () => {
  it('stores content once and only with the hash declared at registration', () => {
    const state = opened();
    state.addEvidence('e-1', { ...EVIDENCE, sha256: sha('a') });
    expect(state.stage).toBe('evidence-preservation');
    expect(refusal(() => state.checkContent({ evidenceId: 'e-1', sha256: sha('b'), sizeBytes: 10 }))).toEqual({
      kind: 'invalid',
      message: `The content's SHA-256 ${sha('b')} differs from the registered ${sha('a')}.`,
    });
    state.checkContent({ evidenceId: 'e-1', sha256: sha('a'), sizeBytes: 10 });
    state.storeContent({ evidenceId: 'e-1', sha256: sha('a'), sizeBytes: 10 });
    expect(refusal(() => state.checkContent({ evidenceId: 'e-1', sha256: sha('a'), sizeBytes: 10 }))).toEqual({
      kind: 'conflict',
      message: 'This evidence item already has content; evidence is never overwritten.',
    });
  });

  it('verifies only stored content, counts custody events and keeps the last verification', () => {
    const state = opened();
    state.addEvidence('e-1', EVIDENCE);
    expect(refusal(() => state.checkVerifiable('e-1'))).toEqual({ kind: 'conflict', message: 'Only content held in the evidence store can be verified.' });
    expect(refusal(() => state.findEvidence('e-9'))).toEqual({ kind: 'not-found', message: 'No evidence item e-9 on this incident.' });
    state.storeContent({ evidenceId: 'e-1', sha256: sha('c'), sizeBytes: 10 });
    expect(state.checkVerifiable('e-1').sha256).toBe(sha('c'));
    state.addCustodyEvent('e-1', iso(at(1)));
    state.addCustodyEvent('e-1', iso(at(2)), { matches: false, expectedSha256: sha('c'), actualSha256: sha('d') });
    expect(state.findEvidence('e-1')).toEqual({ id: 'e-1', sha256: sha('c'), contentStored: true, custodyEvents: 3, lastVerification: { at: iso(at(2)), matches: false } });
  });
});

describe('IncidentState risk sign-off and decisions', () => {
  it('signs off only the latest assessment, once, with the override as the final outcome', () => {
    const state = opened();
    state.setAssessment('a-1', state.nextAssessmentVersion(), LOW_RISK, LOW_RISK.suggestedOutcome);
    state.setAssessment('a-2', state.nextAssessmentVersion(), LOW_RISK, LOW_RISK.suggestedOutcome);
    expect(refusal(() => state.checkSignOff('a-1'))).toEqual({ kind: 'not-found', message: 'No current risk assessment a-1; only the latest can be signed off.' });
    state.checkSignOff('a-2');
    const outcome = state.finalOutcomeOf({ outcome: 'notify-authority', justification: 'Customers may be phished' });
    state.signOff(outcome, at(1));
    expect(state.riskAssessment).toMatchObject({ id: 'a-2', version: 2, signedOff: true, suggestedOutcome: 'register-only', finalOutcome: 'notify-authority' });
    expect(refusal(() => state.checkSignOff('a-2'))).toEqual({ kind: 'conflict', message: 'This risk assessment is already signed off; record a new assessment to change it.' });
  });

  it('refuses "not required" and an Art. 34(3) exemption without a signed-off assessment', () => {
    const state = opened();
    expect(refusal(() => state.checkAuthorityDecision({ decision: 'not-required', reason: 'Encrypted' }))).toEqual({
      kind: 'conflict',
      message: 'Deciding that no authority notice is required needs a risk assessment signed off by the DPO first.',
    });
    expect(refusal(() => state.checkSubjectsDecision({ decision: 'exempt', exemption: { ground: 'encrypted', justification: 'AES-256' } } as never)).kind).toBe('conflict');
    expect(() => state.checkAuthorityDecision({ decision: 'notify' })).not.toThrow();
  });

  it('"not required" waives the GDPR clock; "notify" after the due instant reinstates it as overdue', () => {
    const state = signedOff();
    state.checkAuthorityDecision({ decision: 'not-required', reason: 'Unlikely to result in a risk' });
    expect(state.setAuthorityDecision({ decision: 'not-required', reason: 'Unlikely to result in a risk' }, at(2))).toEqual([
      expect.objectContaining({ ...GDPR, status: 'waived', waivedReason: 'Unlikely to result in a risk' }),
    ]);
    expect(state.stage).toBe('notification');
    expect(refusal(() => state.checkAuthorityNotice({ authority: 'DPC', submittedAt: iso(at(3)), phase: 'initial' }))).toEqual({
      kind: 'conflict',
      message: 'The recorded decision is that no authority notice is required; record a decision to notify first.',
    });
    expect(state.setAuthorityDecision({ decision: 'notify' }, at(80))).toEqual([expect.objectContaining({ ...GDPR, status: 'overdue', waivedReason: null })]);
  });

  it('signing off a high risk asks for a data-subject decision before closure (Art. 34(1))', () => {
    const state = signedOff(HIGH_RISK);
    state.addAuthorityNotice('n-1', { authority: 'DPC', submittedAt: iso(at(5)), phase: 'initial' }, false, at(5));
    expect(state.closureBlockers().map((b) => b.path)).toEqual([['decisions', 'dataSubjects']]);
    state.addSubjectsNotice('s-1', { channel: 'email', recipients: 1200, sentAt: iso(at(6)) });
    expect({ blockers: state.closureBlockers(), decision: state.decisions.dataSubjects }).toEqual({ blockers: [], decision: { decision: 'notify' } });
  });
});

describe('IncidentState notices', () => {
  it('needs an initial notice before follow-ups, and only one initial (Art. 33(4))', () => {
    const state = opened();
    expect(refusal(() => state.checkAuthorityNotice({ authority: 'DPC', submittedAt: iso(at(5)), phase: 'follow-up' }))).toEqual({
      kind: 'conflict',
      message: 'A follow-up notice needs an initial notice first (Art. 33(4)).',
    });
    const changed = state.addAuthorityNotice('n-1', { authority: 'DPC', submittedAt: iso(at(5)), phase: 'initial' }, false, at(5));
    expect(changed).toEqual([expect.objectContaining({ ...GDPR, status: 'met', metAt: utc(at(5)) })]);
    expect(state.decisions.supervisoryAuthority).toEqual({ decision: 'notify' });
    expect(refusal(() => state.checkAuthorityNotice({ authority: 'DPC', submittedAt: iso(at(6)), phase: 'initial' })).kind).toBe('conflict');
    expect(() => state.checkAuthorityNotice({ authority: 'DPC', submittedAt: iso(at(6)), phase: 'follow-up' })).not.toThrow();
    expect(state.addAuthorityNotice('n-2', { authority: 'DPC', submittedAt: iso(at(6)), phase: 'follow-up' }, false, at(6))).toEqual([]);
  });

  it('asks a notice after the 72 h deadline for the reasons of the delay (Art. 33(1)), and takes it with them', () => {
    const state = opened();
    expect(state.isLateNotice(iso(at(72)))).toBe(false);
    expect(state.isLateNotice(iso(at(73)))).toBe(true);
    expect(refusal(() => state.checkAuthorityNotice({ authority: 'DPC', submittedAt: iso(at(73)), phase: 'initial' }))).toEqual({
      kind: 'invalid',
      message: 'The notice is after the 72-hour deadline: give the reasons for the delay (GDPR Art. 33(1)).',
    });
    expect(() => state.checkAuthorityNotice({ authority: 'DPC', submittedAt: iso(at(73)), phase: 'initial', delayReasons: 'Forensics took time' })).not.toThrow();
  });

  it('refuses a notice to data subjects after an exemption, and an exemption after a notice', () => {
    const exempted = signedOff(HIGH_RISK);
    const exemption = { decision: 'exempt', exemption: { ground: 'encrypted', justification: 'AES-256' } } as never;
    exempted.checkSubjectsDecision(exemption);
    exempted.setSubjectsDecision(exemption);
    expect(refusal(() => exempted.checkSubjectsNotice())).toEqual({ kind: 'conflict', message: 'The recorded decision is an Art. 34(3) exemption; record a decision to notify first.' });
    const notified = signedOff(HIGH_RISK);
    notified.addSubjectsNotice('s-1', { channel: 'email', recipients: 10, sentAt: iso(at(2)) });
    expect(refusal(() => notified.checkSubjectsDecision(exemption))).toEqual({ kind: 'conflict', message: 'Data subjects were already notified.' });
  });
});

describe('IncidentState clocks', () => {
  it('follows awareness moved back: the GDPR clock is due 72 h after the new instant', () => {
    const state = opened();
    const changed = state.recordTrigger({ event: 'awareness', occurredAt: iso(at(-10)), reason: 'Logs show earlier access' }, at(1));
    expect(changed).toEqual([expect.objectContaining({ ...GDPR, startsAt: utc(at(-10)), dueAt: utc(at(62)), status: 'pending' })]);
    expect(gdprClock(state).dueAt).toBe(utc(at(62)));
  });

  it('makes the whole ladder due at once when its trigger moves the clock past now, only the latest missed repeat among them, and the overdue rung turns it overdue', () => {
    const state = opened();
    const [changed] = state.recordTrigger({ event: 'awareness', occurredAt: iso(at(-100)), reason: 'Earlier awareness' }, at(1));
    expect(changed).toMatchObject({ ...GDPR, dueAt: utc(at(-28)) });
    const due = state.dueEscalations(at(1));
    expect(due.map((d) => d.step.stepId)).toEqual(['reminder-1', 'reminder-2', 'reminder-3', 'reminder-4', 'overdue', 'overdue-repeat-2']);
    for (const { clock, step } of due) state.escalate(clock, step, escalation(`x-${step.stepId}`, step.stepId, step.kind, at(1)));
    expect(gdprClock(state).status).toBe('overdue');
  });

  it('adds the clocks of a regime the DPO rules in, and waives them with the reason when ruled out', () => {
    const state = opened();
    state.setScope(1, { ...SCOPE, countries: ['US'] }, at(1));
    const added = state.setRegimes({ include: ['US-CA'], exclude: [], reason: 'Californian customers' }, at(2));
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((d) => d.regime === 'US-CA')).toBe(true);
    const waived = state.setRegimes({ include: [], exclude: ['US-CA'], reason: 'No Californians after all' }, at(3));
    expect(waived.map((d) => d.status)).toEqual(added.filter((d) => d.status !== 'met' && d.status !== 'waived').map(() => 'waived'));
    expect(state.deadlines.filter((d) => d.regime === 'US-CA').every((d) => d.status === 'waived' && d.waivedReason === 'Regime ruled out by the DPO: No Californians after all')).toBe(true);
    expect(gdprClock(state).status).toBe('pending');
  });

  it('refuses meeting or waiving the GDPR clock directly, an unknown clock, and a clock twice', () => {
    const state = opened();
    expect(refusal(() => state.checkMeetOrWaive(GDPR))).toEqual({
      kind: 'conflict',
      message: 'The GDPR Art. 33 clock is met by recording the authority notice, or waived by the decision that none is required.',
    });
    expect(refusal(() => state.checkMeetOrWaive({ regime: 'NIS2', obligation: 'early-warning' }))).toEqual({ kind: 'not-found', message: 'The incident has no NIS2 early-warning clock.' });
    state.setScope(1, { ...SCOPE, countries: ['US'] }, at(1));
    const [clock] = state.setRegimes({ include: ['US-CA'], exclude: [], reason: 'Californian customers' }, at(2));
    const target = { regime: clock!.regime as 'US-CA', obligation: clock!.obligation };
    state.checkMeetOrWaive(target);
    expect(state.waiveObligation({ ...target, reason: 'Handled by the processor' })).toEqual([expect.objectContaining({ ...target, status: 'waived', waivedReason: 'Handled by the processor' })]);
    expect(refusal(() => state.checkMeetOrWaive(target))).toEqual({ kind: 'conflict', message: `The US-CA ${target.obligation} clock is already waived.` });
  });
});

describe('IncidentState escalation ladders', () => {
  it('wakes for each rung of the default ladder, fires each once, and turns the clock overdue at 72 h', () => {
    const state = opened();
    const fired: string[] = [];
    for (const hours of [24, 48, 60, 68, 72]) {
      expect(state.nextWakeMs()).toBe(at(hours));
      expect(state.dueEscalations(at(hours) - 1)).toEqual([]);
      for (const { clock, step } of state.dueEscalations(at(hours))) {
        state.escalate(clock, step, escalation(`x-${step.stepId}`, step.stepId, step.kind, at(hours)));
        fired.push(step.stepId);
      }
      expect(state.dueEscalations(at(hours))).toEqual([]);
    }
    expect(fired).toEqual(['reminder-1', 'reminder-2', 'reminder-3', 'reminder-4', 'overdue']);
    expect(gdprClock(state).status).toBe('overdue');
    expect(state.nextWakeMs()).toBe(at(84));
  });

  it('acknowledging the overdue notice stops its repeats; acknowledging twice is a conflict', () => {
    const state = opened();
    for (const { clock, step } of state.dueEscalations(at(72))) state.escalate(clock, step, escalation(`x-${step.stepId}`, step.stepId, step.kind, at(72)));
    expect(state.nextWakeMs()).toBe(at(84));
    state.checkAcknowledge('x-overdue');
    state.acknowledge('x-overdue', 'dpo@example.org', iso(at(73)));
    expect(state.findEscalation('x-overdue')).toMatchObject({ acknowledgedAt: iso(at(73)), acknowledgedBy: 'dpo@example.org' });
    expect({ wake: state.nextWakeMs(), due: state.dueEscalations(at(200)) }).toEqual({ wake: undefined, due: [] });
    expect(refusal(() => state.checkAcknowledge('x-overdue'))).toEqual({ kind: 'conflict', message: 'This escalation was already acknowledged.' });
    expect(refusal(() => state.checkAcknowledge('x-none'))).toEqual({ kind: 'not-found', message: 'No escalation x-none on this incident.' });
  });

  it('acknowledging a reminder leaves the rest of the ladder running', () => {
    const state = opened();
    for (const { clock, step } of state.dueEscalations(at(24))) state.escalate(clock, step, escalation('x-1', step.stepId, step.kind, at(24)));
    state.acknowledge('x-1', 'owner@example.org', iso(at(25)));
    expect(state.nextWakeMs()).toBe(at(48));
  });

  it('stops waking for a clock once it is met', () => {
    const state = opened();
    state.addAuthorityNotice('n-1', { authority: 'DPC', submittedAt: iso(at(5)), phase: 'initial' }, false, at(5));
    expect({ wake: state.nextWakeMs(), due: state.dueEscalations(at(100)) }).toEqual({ wake: undefined, due: [] });
  });
});

/** A planned delivery, with its recipient's working hours when given. */
const planned = (id: string, workingHours: WorkingHours | null = null): PlannedDelivery => ({ id, workingHours });
const BERLIN_OFFICE: WorkingHours = { zone: 'Europe/Berlin', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };

describe('IncidentState deliveries in flight', () => {
  it('tracks an escalation from planning to its last settled delivery, with a retry budget from when it fired', () => {
    const state = opened();
    state.beginDeliveries('x-1', at(24));
    expect(state.deliveries).toEqual([{ escalationId: 'x-1', deliveryIds: null, giveUpAt: iso(at(24) + DELIVERY_RETRY_BUDGET_MS) }]);
    state.planDeliveries('x-1', [planned('d-1'), planned('d-2')], at(24));
    state.settleDelivery('x-1', 'd-1');
    expect(state.pendingDeliveryIds()).toEqual(['d-2']);
    state.settleDelivery('x-1', 'd-2');
    expect(state.deliveries).toEqual([]);
  });

  it("holds a waiting reminder's deliveries until each recipient's next working instant, never past its limit, with the retry budget from the last", () => {
    const state = opened();
    // Saturday 5 Dec 2026, 22:00 in Berlin; the limit (the clock's due time) is Tuesday 09:00 UTC.
    const saturdayNight = Date.parse('2026-12-05T21:00:00Z');
    state.beginDeliveries('x-1', saturdayNight, '2026-12-08T09:00:00Z');
    state.planDeliveries('x-1', [planned('d-office', BERLIN_OFFICE), planned('d-any'), planned('d-late', { ...BERLIN_OFFICE, days: [3] })], saturdayNight);
    expect(state.sendAtOf('x-1', 'd-office')).toBe(Date.parse('2026-12-07T08:00:00Z')); // Monday 09:00 in Berlin
    expect(state.sendAtOf('x-1', 'd-any')).toBe(0);
    expect(state.sendAtOf('x-1', 'd-late')).toBe(Date.parse('2026-12-08T09:00:00Z')); // Wednesday would be past the limit
    expect(state.deliveries[0]!.giveUpAt).toBe(iso(Date.parse('2026-12-08T09:00:00Z') + DELIVERY_RETRY_BUDGET_MS));
    state.settleDelivery('x-1', 'd-office');
    expect(state.sendAtOf('x-1', 'd-office')).toBe(0);
  });

  it('sends at once what does not wait: an escalation begun without a limit, or a recipient already in working hours', () => {
    const state = opened();
    const mondayMorning = Date.parse('2026-12-07T09:30:00Z');
    state.beginDeliveries('x-1', mondayMorning);
    state.beginDeliveries('x-2', mondayMorning, '2026-12-08T09:00:00Z');
    state.planDeliveries('x-1', [planned('d-1', BERLIN_OFFICE)], mondayMorning + 12 * 3_600_000);
    state.planDeliveries('x-2', [planned('d-2', BERLIN_OFFICE)], mondayMorning);
    expect([state.sendAtOf('x-1', 'd-1'), state.sendAtOf('x-2', 'd-2')]).toEqual([0, 0]);
    expect(state.deliveries.every((e) => e.sendAt === undefined)).toBe(true);
  });

  it('forgets an escalation whose plan found no recipient or failed', () => {
    const state = opened();
    state.beginDeliveries('x-1', at(24));
    state.beginDeliveries('x-2', at(24));
    state.planDeliveries('x-1', [], at(24));
    state.abandonDeliveries('x-2');
    expect(state.deliveries).toEqual([]);
  });
});

describe('IncidentState carried over by continue-as-new', () => {
  /** A state with something on every track: containment, a finding, scope, evidence, an assessment, fired rungs, a delivery in flight. */
  function busy(): IncidentState {
    const state = signedOff(HIGH_RISK);
    state.addContainmentAction();
    state.addFinding();
    state.setScope(1, { ...SCOPE, countries: ['US'] }, at(2));
    state.setRegimes({ include: ['US-CA'], exclude: [], reason: 'Californian customers' }, at(2));
    state.addEvidence('e-1', { ...EVIDENCE, sha256: sha('a') });
    state.assignOwner('c-1');
    state.addAlert('alert-1');
    for (const { clock, step } of state.dueEscalations(at(50))) state.escalate(clock, step, escalation(`x-${clock.regime}-${step.stepId}`, step.stepId, step.kind, at(50), clock));
    state.beginDeliveries('x-GDPR-reminder-2', at(50));
    state.beginDeliveries('x-GDPR-reminder-1', at(50), iso(at(72)));
    state.planDeliveries('x-GDPR-reminder-2', [planned('d-1')], at(50));
    state.planDeliveries('x-GDPR-reminder-1', [planned('d-2', { ...BERLIN_OFFICE, days: [5] })], at(50));
    return state;
  }

  it('round-trips through JSON: the same snapshot, the same carried bookkeeping', () => {
    const state = busy();
    const restored = roundTrip(state);
    expect(restored).toBeInstanceOf(IncidentState);
    expect(restored.snapshot()).toEqual(state.snapshot());
    expect(restored.carry()).toEqual(state.carry());
    expect(restored.deliveries).toEqual([
      expect.objectContaining({ escalationId: 'x-GDPR-reminder-2', deliveryIds: ['d-1'] }),
      // A reminder waiting for working hours keeps its send instant across runs.
      expect.objectContaining({ escalationId: 'x-GDPR-reminder-1', deliveryIds: ['d-2'], sendAt: { 'd-2': iso(at(72)) } }),
    ]);
    expect(restored.sendAtOf('x-GDPR-reminder-1', 'd-2')).toBe(at(72));
    expect(restored.opened).toBe(true);
  });

  it('behaves the same after the round trip: the next wake, the due rungs, the rules', () => {
    const state = busy();
    const restored = roundTrip(state);
    expect(restored.nextWakeMs()).toBe(state.nextWakeMs());
    expect(restored.dueEscalations(at(100))).toEqual(state.dueEscalations(at(100)));
    expect(restored.closureBlockers()).toEqual(state.closureBlockers());
    expect(refusal(() => restored.checkSignOff('a-1'))).toEqual(refusal(() => state.checkSignOff('a-1')));
    expect(refusal(() => restored.checkContent({ evidenceId: 'e-1', sha256: sha('b'), sizeBytes: 1 }))).toEqual(refusal(() => state.checkContent({ evidenceId: 'e-1', sha256: sha('b'), sizeBytes: 1 })));
  });

  it('restores a state carried before deliveries were carried with none in flight', () => {
    const { deliveries: _, ...older } = busy().carry();
    const restored = IncidentState.from(JSON.parse(JSON.stringify(older)) as ReturnType<IncidentState['carry']>);
    expect(restored.deliveries).toEqual([]);
    restored.beginDeliveries('x-9', at(60));
    expect(restored.pendingDeliveryIds()).toEqual([]);
  });

  it('property: any sequence of writes and ladder steps gives the same state whether or not it is carried over between them', () => {
    type Op =
      | { kind: 'finding' }
      | { kind: 'containment' }
      | { kind: 'evidence'; n: number }
      | { kind: 'awareness'; hoursBack: number }
      | { kind: 'tick'; hours: number }
      | { kind: 'notice'; hours: number }
      | { kind: 'acknowledge' };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.constant({ kind: 'finding' as const }),
      fc.constant({ kind: 'containment' as const }),
      fc.integer({ min: 0, max: 3 }).map((n) => ({ kind: 'evidence' as const, n })),
      fc.integer({ min: 0, max: 100 }).map((hoursBack) => ({ kind: 'awareness' as const, hoursBack })),
      fc.integer({ min: 1, max: 30 }).map((hours) => ({ kind: 'tick' as const, hours })),
      fc.integer({ min: 0, max: 120 }).map((hours) => ({ kind: 'notice' as const, hours })),
      fc.constant({ kind: 'acknowledge' as const }),
    );
    /** Applies one op the way the workflow would: check first, apply only what the rules allow. */
    function apply(state: IncidentState, o: Op, clock: { hours: number }, i: number): void {
      const now = at(clock.hours);
      try {
        switch (o.kind) {
          case 'finding':
            return state.addFinding();
          case 'containment':
            return state.addContainmentAction();
          case 'evidence':
            if (!state.evidence.some((e) => e.id === `e-${o.n}`)) state.addEvidence(`e-${o.n}`, EVIDENCE);
            return;
          case 'awareness':
            state.recordTrigger({ event: 'awareness', occurredAt: iso(now - o.hoursBack * HOUR), reason: 'Moved' }, now);
            return;
          case 'tick':
            clock.hours += o.hours;
            for (const { clock: c, step } of state.dueEscalations(at(clock.hours))) {
              state.escalate(c, step, escalation(`x-${i}-${step.stepId}`, step.stepId, step.kind, at(clock.hours), c));
              state.beginDeliveries(`x-${i}-${step.stepId}`, at(clock.hours));
            }
            return;
          case 'notice': {
            const notice = { authority: 'DPC', submittedAt: iso(Math.min(now, at(o.hours))), phase: 'initial' as const, delayReasons: 'Forensics' };
            state.checkAuthorityNotice(notice);
            state.addAuthorityNotice(`n-${i}`, notice, state.isLateNotice(notice.submittedAt), now);
            return;
          }
          case 'acknowledge': {
            const open = state.escalations.find((e) => !e.acknowledgedAt);
            if (open) state.acknowledge(open.id, 'dpo@example.org', iso(now));
            return;
          }
        }
      } catch (error) {
        if (!(error instanceof IncidentRuleError)) throw error;
      }
    }
    fc.assert(
      fc.property(fc.array(fc.tuple(op, fc.boolean()), { maxLength: 25 }), (ops) => {
        let carried = opened();
        const straight = opened();
        const carriedClock = { hours: 0 };
        const straightClock = { hours: 0 };
        ops.forEach(([o, carryBefore], i) => {
          if (carryBefore) carried = roundTrip(carried);
          apply(carried, o, carriedClock, i);
          apply(straight, o, straightClock, i);
        });
        expect(carried.carry()).toEqual(straight.carry());
        expect(carried.nextWakeMs()).toBe(straight.nextWakeMs());
      }),
      { numRuns: 200 },
    );
  });
});

/** An escalation record as the workflow makes one when a step fires. */
function escalation(id: string, rung: string, kind: 'reminder' | 'overdue' | 'overdue-repeat', raisedMs: number, clock: { regime: string; obligation: string; dueAt: string | null } = { ...GDPR, dueAt: iso(at(72)) }) {
  return { id, regime: clock.regime, obligation: clock.obligation, rung, kind, recipients: [], dueAt: clock.dueAt!, raisedAt: iso(raisedMs), acknowledgedAt: null, acknowledgedBy: null };
}
