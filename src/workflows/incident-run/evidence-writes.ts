import { ApplicationFailure } from '@temporalio/workflow';
import { RULE_FAILURE_TYPES, writeUpdates } from '../messages';
import { verifyEvidenceContent } from './activity-proxies';
import { noCheck, nowIso, type IncidentRun } from './incident-run';

/** Evidence preservation: registration, write-once content, chain of custody and verification. */
export function registerEvidenceWrites({ state, persist, onWrite }: IncidentRun): void {
  onWrite(writeUpdates.registerEvidence, noCheck, async (item, actor, id) => {
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
}
