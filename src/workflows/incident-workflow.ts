import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { Mutex } from 'async-mutex';
import type { Activities } from '../activities';
import { nextPendingDeadline, type Deadline } from '../domain/deadlines';
import type { EscalationStep } from '../domain/escalation-policy';
import { IncidentRuleError } from '../domain/errors';
import { type Actor, type Escalation, type WriteRequest, type WriteResult } from '../domain/incident';
import { SYSTEM_ACTOR, type IncidentEvent } from '../domain/incident-events';
import { computeSeverity } from '../domain/severity';
import { IncidentState } from './incident-state';
import { IncidentStageKey, NextDueAtKey, OverdueKey, SeverityBandKey } from './search-attributes';
import { assertOpenRequest, assertWriteRequest } from './guards';
import { incidentStateQuery, openIncidentUpdate, RULE_FAILURE_TYPES, writeUpdates } from './messages';
import { ACTIVITY_QUEUES, activityTaskQueue } from './task-queues';

// Opening runs its two PostgreSQL steps as local activities: in the worker running the workflow task, with no
// round trip through a task queue. Only these: nothing else schedules an activity while an incident opens (its
// writes are refused until then, its clocks wait for it). Local activities scheduled concurrently (a write and a
// firing escalation) failed replay under the fuzzer with a non-determinism error: their markers came back in
// another order. Both are idempotent: a worker dying mid-run leaves the workflow task to be retried.
const { persistIncident, loadIncidentContext } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const { persistIncidentEvent, planDeliveries, verifyEvidenceContent } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Deliveries run on their own task queue (task-queues.ts): one attempt is one send with its own timeout; a
 * failed send is retried with backoff for about a day. The activity heartbeats while it sends, so a worker
 * that dies mid-send is noticed in seconds, not minutes.
 */
function deliveryActivities() {
  return proxyActivities<Activities>({
    taskQueue: activityTaskQueue(workflowInfo().taskQueue, ACTIVITY_QUEUES.deliverEscalation),
    startToCloseTimeout: '2 minutes',
    heartbeatTimeout: '10 seconds',
    retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '1 hour', maximumAttempts: 30, nonRetryableErrorTypes: ['DeliveryFailed'] },
  });
}

/** Input of the incident workflow: ids only, plus the state carried over by continue-as-new. */
export interface IncidentWorkflowInput {
  incidentId: string;
  /**
   * Publish the incident search attributes (default true). They must be registered on the namespace; the
   * Java time-skipping test server cannot register custom ones, so workflow tests turn this off.
   */
  searchAttributes?: boolean;
  carriedState?: ReturnType<IncidentState['carry']>;
}

/** A rule error as the failure Temporal hands the caller: its type says 409, 404 or 422. */
function toFailure(error: unknown): unknown {
  if (!(error instanceof IncidentRuleError)) return error;
  return ApplicationFailure.create({ type: RULE_FAILURE_TYPES[error.kind], message: error.message, details: [error.issues], nonRetryable: true });
}

/** Runs a check or a state change; a rule it breaks (IncidentRuleError) refuses the update instead of failing the workflow task. */
function underRules<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw toFailure(error);
  }
}

function nowIso(): string {
  return new Date().toISOString();
}

/** One durable workflow per incident: opened by an update, serializes every write, holds its legal clocks and their ladders until closure. */
export async function incidentWorkflow({ incidentId, carriedState, searchAttributes = true }: IncidentWorkflowInput): Promise<void> {
  const state = carriedState ? IncidentState.from(carriedState) : new IncidentState(incidentId);
  const { deliverEscalation } = deliveryActivities();
  // Handlers that await activities are serialized, so two writes never interleave.
  const lock = new Mutex();
  let changed = false;
  // Deliveries run beside the main loop (a webhook may retry for hours); they are awaited before the run ends.
  const deliveries = new Set<Promise<void>>();

  /** Persists one event with its audit row; the event id makes a retried activity a no-op. */
  const persist = (eventId: string, actor: Actor, event: IncidentEvent, clocks: Deadline[] = []) =>
    persistIncidentEvent({ incidentId, eventId, occurredAt: nowIso(), actor, event: clocks.length > 0 ? { ...event, clocks } : event });

  /**
   * Writes that change clocks compute the change on a copy first: the event persisted must carry the
   * clocks as they will stand, and the state may change only once the event is durable.
   */
  async function withClocks(eventId: string, actor: Actor, event: IncidentEvent, change: (s: IncidentState, nowMs: number) => Deadline[]): Promise<void> {
    // One instant for both runs: workflow time moves while the event is persisted.
    const nowMs = Date.now();
    // On a copy first: a rule the new clocks break refuses the write before anything is persisted or changed.
    const clocks = underRules(() => change(IncidentState.from(state.carry()), nowMs));
    await persist(eventId, actor, event, clocks);
    change(state, nowMs);
  }

  const publish = () => {
    if (!searchAttributes) return;
    const next = nextPendingDeadline(state.deadlines);
    upsertSearchAttributes([
      { key: IncidentStageKey, value: state.stage },
      { key: NextDueAtKey, value: next ? new Date(next.dueAt) : null },
      { key: OverdueKey, value: state.deadlines.some((d) => d.status === 'overdue') },
      { key: SeverityBandKey, value: state.riskAssessment?.band ?? null },
    ]);
  };

  /**
   * Registers a write update: the validator checks the argument's shape (the API parsed the input) and the
   * state's rules; the handler checks again under the lock (an earlier write may have changed the
   * state), persists, applies, and returns the new state.
   */
  function onWrite<I>(
    update: UpdateDefinition<WriteResult, [WriteRequest<I>]>,
    check: (input: I) => void,
    apply: (input: I, actor: Actor, eventId: string) => Promise<void>,
  ): void {
    const validate = (request: WriteRequest<I>): I => {
      assertWriteRequest<I>(request);
      const { input } = request;
      underRules(() => {
        state.checkWritable();
        check(input);
      });
      return input;
    };
    setHandler(
      update,
      (request) =>
        lock.runExclusive(async () => {
          const input = validate(request);
          const eventId = uuid4();
          await apply(input, request.actor, eventId);
          changed = true;
          publish();
          return { id: eventId, state: state.snapshot() };
        }),
      { validator: (request: WriteRequest<I>) => void validate(request) },
    );
  }

  setHandler(incidentStateQuery, () => state.snapshot());

  setHandler(
    openIncidentUpdate,
    (request) =>
      lock.runExclusive(async () => {
        if (state.opened) return state.snapshot();
        const context = await loadIncidentContext();
        const deadlines = underRules(() => state.openingClocks(request, context, Date.now()));
        const { reference } = await persistIncident({ incidentId, eventId: uuid4(), occurredAt: nowIso(), request, deadlines });
        state.open(reference);
        changed = true;
        publish();
        return state.snapshot();
      }),
    { validator: (request) => assertOpenRequest(request) },
  );

  const none = () => undefined;

  onWrite(writeUpdates.recordContainmentAction, none, async (action, actor, id) => {
    await persist(id, actor, { type: 'containment-action-recorded', id, action });
    state.addContainmentAction();
  });

  onWrite(writeUpdates.setContainmentStatus, none, async (change, actor, id) => {
    await persist(id, actor, { type: 'containment-status-changed', change });
    state.setContainment(change);
  });

  onWrite(writeUpdates.recordFinding, none, async (finding, actor, id) => {
    await persist(id, actor, { type: 'finding-recorded', id, finding });
    state.addFinding();
  });

  onWrite(writeUpdates.recordScope, none, async (scope, actor, id) => {
    const version = state.nextScopeVersion();
    await withClocks(id, actor, { type: 'scope-recorded', version, scope }, (s, now) => s.setScope(version, scope, now));
  });

  onWrite(writeUpdates.registerEvidence, none, async (item, actor, id) => {
    await persist(id, actor, { type: 'evidence-registered', id, item });
    state.addEvidence(id, item);
  });

  onWrite(
    writeUpdates.attachEvidenceContent,
    (content) => state.checkContent(content),
    async (content, actor, id) => {
      // The worker re-hashes what the API stored: the content is in the store and is what was declared.
      const result = await verifyEvidenceContent({ sha256: content.sha256 });
      if (!result.matches) {
        throw ApplicationFailure.create({ type: RULE_FAILURE_TYPES.invalid, message: 'The evidence store does not hold this content.', details: [[{ path: ['sha256'], message: 'Not in the evidence store' }]], nonRetryable: true });
      }
      await persist(id, actor, { type: 'evidence-content-stored', evidenceId: content.evidenceId, sha256: content.sha256, sizeBytes: content.sizeBytes });
      state.storeContent(content);
    },
  );

  onWrite(
    writeUpdates.recordCustodyEvent,
    ({ evidenceId }) => void state.findEvidence(evidenceId),
    async ({ evidenceId, custody }, actor, id) => {
      await persist(id, actor, { type: 'custody-event-recorded', id, evidenceId, custody });
      state.addCustodyEvent(evidenceId, custody.occurredAt);
    },
  );

  onWrite(
    writeUpdates.verifyEvidence,
    ({ evidenceId }) => void state.checkVerifiable(evidenceId),
    async ({ evidenceId, purpose }, actor, id) => {
      const expected = state.checkVerifiable(evidenceId).sha256!;
      const result = await verifyEvidenceContent({ sha256: expected });
      const occurredAt = nowIso();
      await persist(id, actor, { type: 'custody-event-recorded', id, evidenceId, custody: { event: 'verified', purpose, occurredAt }, result });
      state.addCustodyEvent(evidenceId, occurredAt, result);
    },
  );

  onWrite(writeUpdates.recordRiskAssessment, none, async ({ inputs, notes }, actor, id) => {
    const version = state.nextAssessmentVersion();
    const result = computeSeverity(inputs);
    await persist(id, actor, { type: 'risk-assessed', id, version, inputs, notes, result });
    state.setAssessment(id, version, result);
  });

  onWrite(
    writeUpdates.signOffRiskAssessment,
    ({ assessmentId }) => void state.checkSignOff(assessmentId),
    async ({ assessmentId, signOff }, actor, id) => {
      const finalOutcome = state.finalOutcomeOf(signOff);
      await withClocks(id, actor, { type: 'risk-assessment-signed-off', assessmentId, signOff, finalOutcome }, (s, now) => s.signOff(finalOutcome, now));
    },
  );

  onWrite(
    writeUpdates.recordAuthorityDecision,
    (decision) => state.checkAuthorityDecision(decision),
    async (decision, actor, id) => {
      await withClocks(id, actor, { type: 'authority-decision-recorded', decision }, (s, now) => s.setAuthorityDecision(decision, now));
    },
  );

  onWrite(
    writeUpdates.recordSubjectsDecision,
    (decision) => state.checkSubjectsDecision(decision),
    async (decision, actor, id) => {
      await persist(id, actor, { type: 'subjects-decision-recorded', decision });
      state.setSubjectsDecision(decision);
    },
  );

  onWrite(
    writeUpdates.recordAuthorityNotice,
    (notice) => state.checkAuthorityNotice(notice),
    async (notice, actor, id) => {
      // Art. 33(1) asks reasons of the late first notice; phased follow-ups (Art. 33(4)) are not late themselves.
      const late = notice.phase === 'initial' && state.isLateNotice(notice.submittedAt);
      await withClocks(id, actor, { type: 'authority-notice-recorded', id, notice, late }, (s, now) => s.addAuthorityNotice(id, notice, late, now));
    },
  );

  onWrite(
    writeUpdates.recordSubjectsNotice,
    () => state.checkSubjectsNotice(),
    async (notice, actor, id) => {
      await persist(id, actor, { type: 'subjects-notice-recorded', id, notice });
      state.addSubjectsNotice(id, notice);
    },
  );

  onWrite(writeUpdates.recordTrigger, none, async (trigger, actor, id) => {
    await withClocks(id, actor, { type: 'trigger-recorded', trigger }, (s, now) => s.recordTrigger(trigger, now));
  });

  onWrite(writeUpdates.setRegimes, none, async (regimes, actor, id) => {
    await withClocks(id, actor, { type: 'regimes-set', regimes }, (s, now) => s.setRegimes(regimes, now));
  });

  onWrite(
    writeUpdates.meetObligation,
    (meet) => state.checkMeetOrWaive(meet),
    async (meet, actor, id) => {
      await withClocks(id, actor, { type: 'obligation-met', meet }, (s, now) => s.meetObligation(meet, now));
    },
  );

  onWrite(
    writeUpdates.waiveObligation,
    (waive) => state.checkMeetOrWaive(waive),
    async (waive, actor, id) => {
      await withClocks(id, actor, { type: 'obligation-waived', waive }, (s) => s.waiveObligation(waive));
    },
  );

  onWrite(
    writeUpdates.acknowledgeEscalation,
    ({ escalationId }) => state.checkAcknowledge(escalationId),
    async ({ escalationId, acknowledgedBy }, actor, id) => {
      await persist(id, actor, { type: 'escalation-acknowledged', escalationId, acknowledgedBy });
      state.acknowledge(escalationId, acknowledgedBy, nowIso());
    },
  );

  onWrite(writeUpdates.assignOwner, none, async ({ contactId }, actor, id) => {
    await persist(id, actor, { type: 'owner-assigned', contactId });
    state.assignOwner(contactId);
  });

  // The alert id is the event id: an attach retried by its correlation group persists nothing twice.
  onWrite(writeUpdates.attachAlert, none, async ({ alertId, delivery }, _actor, _id) => {
    if (state.hasAlert(alertId)) return;
    await persist(alertId, { keyId: null, name: `intake: ${delivery.sourceName}`, role: 'intake' }, { type: 'alert-attached', alertId, delivery });
    state.addAlert(alertId);
  });

  onWrite(
    writeUpdates.closeIncident,
    (closure) => state.checkClose(closure),
    async (closure, actor, id) => {
      const closedAt = nowIso();
      await withClocks(id, actor, { type: 'incident-closed', closure, closedAt }, (s) => s.close(closure, closedAt));
    },
  );

  /** Fires one ladder step: records the escalation (the overdue rung turns the clock overdue), then delivers it beside the loop. */
  async function fire(clock: Deadline, step: EscalationStep): Promise<void> {
    const escalation: Escalation = {
      id: uuid4(),
      regime: clock.regime,
      obligation: clock.obligation,
      rung: step.stepId,
      kind: step.kind,
      recipients: [...step.recipients],
      dueAt: clock.dueAt!,
      raisedAt: nowIso(),
      acknowledgedAt: null,
      acknowledgedBy: null,
    };
    await withClocks(escalation.id, SYSTEM_ACTOR, { type: 'deadline-escalated', escalation }, (s) => s.escalate(clock, step, escalation));
    const delivery = (async () => {
      try {
        const ids = await planDeliveries({ incidentId, escalationId: escalation.id });
        await Promise.allSettled(ids.map((deliveryId) => deliverEscalation({ deliveryId })));
      } catch {
        // Every attempt and its failure is recorded by the activities; the escalation itself stands.
      }
    })();
    deliveries.add(delivery);
    void delivery.finally(() => deliveries.delete(delivery));
  }

  // A workflow whose opening failed (its data was refused) has nothing to hold: it ends instead of waiting forever.
  if (!(await condition(() => state.opened, '1 day'))) return;
  publish();

  while (state.status === 'open') {
    await lock.runExclusive(async () => {
      for (const { clock, step } of state.dueEscalations(Date.now())) await fire(clock, step);
    });
    publish();
    if (workflowInfo().continueAsNewSuggested) break;
    const wake = state.nextWakeMs();
    changed = false;
    // An updatable timer: sleep to the next ladder step, or wake early when a write changes the clocks.
    if (wake !== undefined) await condition(() => changed, Math.max(wake - Date.now(), 1));
    else await condition(() => changed);
  }

  await condition(() => allHandlersFinished() && deliveries.size === 0);
  // A long-lived incident's history is bounded: the state moves to a fresh run with the same workflow id.
  if (state.status === 'open') await continueAsNew<typeof incidentWorkflow>({ incidentId, carriedState: state.carry(), searchAttributes });
}
