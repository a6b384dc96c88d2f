import { patched, setHandler, uuid4 } from '@temporalio/workflow';
import { assertOpenRequest } from '../guards';
import { incidentAuditHeadQuery, incidentStateQuery, openIncidentUpdate, writeUpdates } from '../messages';
import { loadIncidentContext, openIncidentRecord, persistIncident } from './activity-proxies';
import { refuseBrokenRule } from '../rule-failure';
import { noCheck, nowIso, type IncidentRun } from './incident-run';

// Incidents opened before it load their context and persist in two local activities; their histories replay that way.
const ONE_OPENING_ACTIVITY = 'one-opening-activity';

/** The live-state query, the opening, and the writes that move the incident through its stages to closure. */
export function registerLifecycleWrites({ incidentId, state, lock, persist, withClocks, publish, markChanged, onWrite }: IncidentRun): void {
  setHandler(incidentStateQuery, () => state.snapshot());
  setHandler(incidentAuditHeadQuery, () => state.auditHead);

  setHandler(
    openIncidentUpdate,
    (request) =>
      lock.runExclusive(async () => {
        if (state.opened) return state.snapshot();
        if (patched(ONE_OPENING_ACTIVITY)) {
          // One local activity loads the context, times the clocks with these rules and persists them; the state
          // times the same clocks from that context at the same instant.
          const nowMs = Date.now();
          const { reference, context, auditHead } = await openIncidentRecord({ incidentId, eventId: uuid4(), occurredAt: nowIso(), nowMs, request });
          state.openingClocks(request, context, nowMs);
          state.open(reference);
          state.noteAuditHead(auditHead);
        } else {
          const context = await loadIncidentContext();
          const deadlines = refuseBrokenRule(() => state.openingClocks(request, context, Date.now()));
          const { reference, auditHead } = await persistIncident({ incidentId, eventId: uuid4(), occurredAt: nowIso(), request, deadlines });
          state.open(reference);
          state.noteAuditHead(auditHead);
        }
        markChanged();
        publish();
        return state.snapshot();
      }),
    { validator: (request) => assertOpenRequest(request) },
  );

  onWrite(writeUpdates.recordContainmentAction, noCheck, async (action, actor, id) => {
    await persist(id, actor, { type: 'containment-action-recorded', id, action });
    state.addContainmentAction();
  });

  onWrite(writeUpdates.setContainmentStatus, noCheck, async (change, actor, id) => {
    await persist(id, actor, { type: 'containment-status-changed', change });
    state.setContainment(change);
  });

  onWrite(writeUpdates.recordFinding, noCheck, async (finding, actor, id) => {
    await persist(id, actor, { type: 'finding-recorded', id, finding });
    state.addFinding();
  });

  onWrite(writeUpdates.recordScope, noCheck, async (scope, actor, id) => {
    const version = state.nextScopeVersion();
    await withClocks(id, actor, { type: 'scope-recorded', version, scope }, (s, now) => s.setScope(version, scope, now));
  });

  onWrite(writeUpdates.assignOwner, noCheck, async ({ contactId }, actor, id) => {
    await persist(id, actor, { type: 'owner-assigned', contactId });
    state.assignOwner(contactId);
  });

  // The alert id is the event id: an attach retried by its correlation group persists nothing twice.
  onWrite(writeUpdates.attachAlert, noCheck, async ({ alertId, delivery }, _actor, _id) => {
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
}
