import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { Mutex } from 'async-mutex';
import type { z } from 'zod';
import type { Activities } from '../activities';
import { nextPendingDeadline } from '../domain/deadlines';
import { IncidentRuleError } from '../domain/errors';
import { ActorSchema, OpenIncidentRequestSchema, type Actor, type IncidentLiveState, type WriteRequest, type WriteResult } from '../domain/incident';
import { SYSTEM_ACTOR, type IncidentEvent } from '../domain/incident-events';
import { computeSeverity } from '../domain/severity';
import { IncidentState } from './incident-state';
import { incidentStateQuery, openIncidentUpdate, RULE_FAILURE_TYPES, writeUpdates } from './messages';

const { persistIncident, persistIncidentEvent, verifyEvidenceContent } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Input of the incident workflow: ids only, plus the state carried over by continue-as-new. */
export interface IncidentWorkflowInput {
  incidentId: string;
  carriedState?: IncidentLiveState;
}

/** A rule error as the failure Temporal hands the caller: its type says 409, 404 or 422. */
function toFailure(error: unknown): unknown {
  if (!(error instanceof IncidentRuleError)) return error;
  return ApplicationFailure.create({ type: RULE_FAILURE_TYPES[error.kind], message: error.message, details: [error.issues], nonRetryable: true });
}

function nowIso(): string {
  return new Date().toISOString();
}

/** One durable workflow per incident: opened by an update, serializes every write, holds its legal clocks until closure. */
export async function incidentWorkflow({ incidentId, carriedState }: IncidentWorkflowInput): Promise<void> {
  const state = carriedState ? IncidentState.from(carriedState) : new IncidentState(incidentId);
  // Handlers that await activities are serialized, so two writes never interleave.
  const lock = new Mutex();
  let changed = false;

  /** Persists one event with its audit row; the event id makes a retried activity a no-op. */
  const persist = (eventId: string, actor: Actor, event: IncidentEvent) =>
    persistIncidentEvent({ incidentId, eventId, occurredAt: nowIso(), actor, event });

  /**
   * Registers a write update: the validator parses the input with the API's schema and checks the
   * state's rules; the handler checks again under the lock (an earlier write may have changed the
   * state), persists, applies, and returns the new state.
   */
  function onWrite<S extends z.ZodType, I>(
    definition: { schema: S; update: UpdateDefinition<WriteResult, [WriteRequest<I>]> },
    check: (input: z.infer<S>) => void,
    apply: (input: z.infer<S>, actor: Actor, eventId: string) => Promise<void>,
  ): void {
    const validate = (request: WriteRequest<I>): z.infer<S> => {
      ActorSchema.parse(request.actor);
      const input = definition.schema.parse(request.input);
      try {
        state.checkWritable();
        check(input);
      } catch (error) {
        throw toFailure(error);
      }
      return input;
    };
    setHandler(
      definition.update,
      (request) =>
        lock.runExclusive(async () => {
          const input = validate(request);
          const eventId = uuid4();
          await apply(input, request.actor, eventId);
          changed = true;
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
        const deadlines = state.initialDeadlines(request);
        const { reference } = await persistIncident({ incidentId, eventId: uuid4(), occurredAt: nowIso(), request, deadlines });
        state.open(reference, deadlines);
        changed = true;
        return state.snapshot();
      }),
    { validator: (request) => void OpenIncidentRequestSchema.parse(request) },
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
    await persist(id, actor, { type: 'scope-recorded', version, scope });
    state.setScope(version, scope);
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
      await persist(id, actor, { type: 'risk-assessment-signed-off', assessmentId, signOff, finalOutcome });
      state.signOff(finalOutcome);
    },
  );

  onWrite(
    writeUpdates.recordAuthorityDecision,
    (decision) => state.checkAuthorityDecision(decision),
    async (decision, actor, id) => {
      const deadlineChanges = state.authorityDecisionChanges(decision, Date.now());
      await persist(id, actor, { type: 'authority-decision-recorded', decision, deadlineChanges });
      state.setAuthorityDecision(decision, deadlineChanges);
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
      const late = state.isLateNotice(notice.submittedAt);
      const deadlineChanges = state.authorityNoticeChanges(notice);
      await persist(id, actor, { type: 'authority-notice-recorded', id, notice, late, deadlineChanges });
      state.addAuthorityNotice(id, notice, late, deadlineChanges);
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

  onWrite(
    writeUpdates.closeIncident,
    (closure) => state.checkClose(closure),
    async (closure, actor, id) => {
      const closedAt = nowIso();
      const deadlineChanges = state.closeChanges(closure);
      await persist(id, actor, { type: 'incident-closed', closure, closedAt, deadlineChanges });
      state.close(closure, closedAt, deadlineChanges);
    },
  );

  await condition(() => state.opened);

  while (state.status === 'open') {
    for (const deadline of state.pastDue(Date.now())) {
      await lock.runExclusive(async () => {
        if (deadline.status !== 'pending') return;
        const escalation = { regime: deadline.regime, obligation: deadline.obligation, rung: 'overdue', dueAt: deadline.dueAt, raisedAt: nowIso() };
        const deadlineChanges = [{ regime: deadline.regime, obligation: deadline.obligation, status: 'overdue' as const }];
        await persist(uuid4(), SYSTEM_ACTOR, { type: 'deadline-escalated', escalation, deadlineChanges });
        state.markOverdue(escalation, deadlineChanges);
      });
    }
    if (workflowInfo().continueAsNewSuggested) break;
    const next = nextPendingDeadline(state.deadlines);
    changed = false;
    // An updatable timer: sleep to the next due instant, or wake early when a write changes the clocks.
    if (next) await condition(() => changed, Math.max(Date.parse(next.dueAt) - Date.now(), 1));
    else await condition(() => changed || state.status !== 'open');
  }

  await condition(allHandlersFinished);
  // A long-lived incident's history is bounded: the state moves to a fresh run with the same workflow id.
  if (state.status === 'open') await continueAsNew<typeof incidentWorkflow>({ incidentId, carriedState: state.snapshot() });
}
