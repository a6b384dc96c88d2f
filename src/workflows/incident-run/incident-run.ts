import { condition, patched, setHandler, upsertSearchAttributes, uuid4 } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { Mutex } from 'async-mutex';
import { nextPendingDeadline, type Deadline } from '../../domain/deadlines';
import type { Actor, WriteRequest, WriteResult } from '../../domain/incident';
import type { IncidentEvent } from '../../domain/incident-events';
import { assertWriteRequest } from '../guards';
import { refuseBrokenRule } from '../rule-failure';
import { IncidentState } from '../incident-state';
import { IncidentStageKey, NextDueAtKey, OverdueKey, SeverityBandKey } from '../search-attributes';
import { persistIncidentEvent } from './activity-proxies';

/** Workflow time as an ISO instant. */
export function nowIso(): string {
  return new Date().toISOString();
}

// Runs before it published the same search attributes again after every write and wake; their histories replay so.
const PUBLISH_CHANGES_ONLY = 'publish-changes-only';

/** What every handler of one run shares: the state, the lock that serializes writes, and how a write is persisted. */
export type IncidentRun = ReturnType<typeof createIncidentRun>;

/** The run's shared context, over the state it starts with (carried by continue-as-new, or new). */
export function createIncidentRun(state: IncidentState, searchAttributes: boolean) {
  const { incidentId } = state;
  // Handlers that await activities are serialized, so two writes never interleave.
  const lock = new Mutex();
  let changed = false;
  // Told the escalations whose clock a write just met or waived (the escalations module resolves their pages).
  const settledListeners: ((escalationIds: string[]) => void)[] = [];

  /** Persists one event with its audit row; the event id makes a retried activity a no-op. */
  const persist = async (eventId: string, actor: Actor, event: IncidentEvent, clocks: Deadline[] = []): Promise<void> => {
    const head = await persistIncidentEvent({ incidentId, eventId, occurredAt: nowIso(), actor, event: clocks.length > 0 ? { ...event, clocks } : event });
    // Activities of histories recorded before the head was kept returned nothing.
    state.noteAuditHead(head);
  };

  /**
   * Writes that change clocks compute the change on a copy first: the event persisted must carry the
   * clocks as they will stand, and the state may change only once the event is durable.
   */
  async function withClocks(eventId: string, actor: Actor, event: IncidentEvent, change: (s: IncidentState, nowMs: number) => Deadline[]): Promise<void> {
    // One instant for both runs: workflow time moves while the event is persisted.
    const nowMs = Date.now();
    // On a copy first: a rule the new clocks break refuses the write before anything is persisted or changed.
    const clocks = refuseBrokenRule(() => change(IncidentState.from(state.carry()), nowMs));
    await persist(eventId, actor, event, clocks);
    change(state, nowMs);
    const settled = clocks.filter((d) => d.status === 'met' || d.status === 'waived');
    const escalationIds = state.escalations.filter((e) => settled.some((d) => d.regime === e.regime && d.obligation === e.obligation)).map((e) => e.id);
    if (escalationIds.length > 0) for (const listener of settledListeners) listener(escalationIds);
  }

  /** Publishes the search attributes the deadline board filters on. */
  let published: string | undefined;
  const publish = () => {
    if (!searchAttributes) return;
    const next = nextPendingDeadline(state.deadlines);
    const attributes = [
      { key: IncidentStageKey, value: state.stage },
      { key: NextDueAtKey, value: next ? new Date(next.dueAt) : null },
      { key: OverdueKey, value: state.deadlines.some((d) => d.status === 'overdue') },
      { key: SeverityBandKey, value: state.riskAssessment?.band ?? null },
    ] as const;
    // Each upsert is a history event and a write to Temporal's visibility store: one that changes nothing is skipped.
    const values = JSON.stringify(attributes.map((a) => a.value));
    if (values === published && patched(PUBLISH_CHANGES_ONLY)) return;
    published = values;
    upsertSearchAttributes([...attributes]);
  };

  /** A write changed the state: the clock loop wakes to re-time its sleep. */
  const markChanged = () => {
    changed = true;
  };

  /** An updatable timer: sleeps until `wakeMs` (epoch ms, or forever when undefined), or until a write changes the state. */
  async function sleepUntilChanged(wakeMs: number | undefined): Promise<void> {
    changed = false;
    if (wakeMs !== undefined) await condition(() => changed, Math.max(wakeMs - Date.now(), 1));
    else await condition(() => changed);
  }

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
      refuseBrokenRule(() => {
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
          markChanged();
          publish();
          return { id: eventId, state: state.snapshot() };
        }),
      { validator: (request: WriteRequest<I>) => void validate(request) },
    );
  }

  /** Registers `listener` for the escalations of each clock a write meets or waives. */
  const onClocksSettled = (listener: (escalationIds: string[]) => void): void => {
    settledListeners.push(listener);
  };

  return { incidentId, state, lock, persist, withClocks, publish, markChanged, sleepUntilChanged, onWrite, onClocksSettled };
}

/** A write with no rule of its own beyond an open incident. */
export const noCheck = () => undefined;
