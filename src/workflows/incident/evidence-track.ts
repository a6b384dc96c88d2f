import { IncidentRuleError } from '../../domain/errors';
import type { EvidenceState } from '../../domain/incident';
import type { VerificationResult } from '../../domain/incident-events';
import type { EvidenceContent, EvidenceRegister } from '../../domain/lifecycle';
import { conflict, reach, type IncidentData } from './incident-data';

export function findEvidence(s: IncidentData, evidenceId: string): EvidenceState {
  const item = s.evidence.find((e) => e.id === evidenceId);
  if (!item) throw new IncidentRuleError('not-found', `No evidence item ${evidenceId} on this incident.`);
  return item;
}

export function addEvidence(s: IncidentData, id: string, item: EvidenceRegister): void {
  s.evidence.push({ id, sha256: item.sha256 ?? null, contentStored: false, custodyEvents: 1, lastVerification: null });
  reach(s, 'evidence-preservation');
}

/** Content is write-once, and must match a hash declared at registration. */
export function checkContent(s: IncidentData, content: EvidenceContent): void {
  const item = findEvidence(s, content.evidenceId);
  if (item.contentStored) throw conflict('This evidence item already has content; evidence is never overwritten.');
  if (item.sha256 !== null && item.sha256 !== content.sha256) {
    throw new IncidentRuleError('invalid', `The content's SHA-256 ${content.sha256} differs from the registered ${item.sha256}.`, [
      { path: ['sha256'], message: 'Does not match the hash registered for this item' },
    ]);
  }
}

export function storeContent(s: IncidentData, content: EvidenceContent): void {
  const item = findEvidence(s, content.evidenceId);
  item.sha256 = content.sha256;
  item.contentStored = true;
}

/** Only content held in the evidence store, with its hash, can be verified. */
export function checkVerifiable(s: IncidentData, evidenceId: string): EvidenceState {
  const item = findEvidence(s, evidenceId);
  if (!item.contentStored || item.sha256 === null) throw conflict('Only content held in the evidence store can be verified.');
  return item;
}

/** Counts a custody event; a verification also records its outcome. */
export function addCustodyEvent(s: IncidentData, evidenceId: string, at: string, result?: VerificationResult): void {
  const item = findEvidence(s, evidenceId);
  item.custodyEvents += 1;
  if (result) item.lastVerification = { at, matches: result.matches };
}
