import type { Regime } from '../regulations';
import type { NoticeDocument } from './document';
import type { DraftInput } from './draft-input';
import { draftDoraFinalReport, draftDoraInitialNotification, draftDoraIntermediateReport } from './dora';
import { authorityDeadlineOf, draftAuthorityNotice, draftDataSubjectNotice, UK_GDPR } from './gdpr';
import { draftHipaaIndividualNotice } from './hipaa';
import { draftLgpdAnpdCommunication } from './lgpd';
import { draftNis2EarlyWarning, draftNis2IncidentNotification } from './nis2';
import { draftSecForm8K } from './sec';
import { draftCaliforniaResidentNotice } from './us-states';
import { clockOf } from './fields';

/** The draft one catalogue obligation asks for: keyed by regime and obligation id, drafted from the case file. */
export interface NoticeTemplate {
  regime: Regime;
  obligation: string;
  draft: (input: DraftInput) => NoticeDocument;
}

/** Every obligation with a notice template. */
export const NOTICE_TEMPLATES: readonly NoticeTemplate[] = [
  { regime: 'GDPR', obligation: 'notify-supervisory-authority', draft: (input) => draftAuthorityNotice(input) },
  { regime: 'GDPR', obligation: 'notify-data-subjects', draft: draftDataSubjectNotice },
  {
    regime: 'UK-GDPR',
    obligation: 'notify-supervisory-authority',
    // The case file records authority notices without their regime: the ICO draft reads its own clock and starts afresh.
    draft: (input) => draftAuthorityNotice({ ...input, authorityDeadline: authorityDeadlineOf(clockOf(input, 'UK-GDPR', 'notify-supervisory-authority')), authorityNotices: [], delayReasons: null }, UK_GDPR),
  },
  { regime: 'HIPAA', obligation: 'notify-individuals', draft: draftHipaaIndividualNotice },
  { regime: 'US-CA', obligation: 'notify-residents', draft: draftCaliforniaResidentNotice },
  { regime: 'SEC', obligation: 'file-8k', draft: draftSecForm8K },
  { regime: 'NIS2', obligation: 'early-warning', draft: draftNis2EarlyWarning },
  { regime: 'NIS2', obligation: 'incident-notification', draft: draftNis2IncidentNotification },
  { regime: 'DORA', obligation: 'initial-notification', draft: draftDoraInitialNotification },
  { regime: 'DORA', obligation: 'intermediate-report', draft: draftDoraIntermediateReport },
  { regime: 'DORA', obligation: 'final-report', draft: draftDoraFinalReport },
  { regime: 'LGPD', obligation: 'notify-anpd', draft: draftLgpdAnpdCommunication },
];

/** The template for a regime's obligation, or undefined when none is written. */
export function findNoticeTemplate(regime: string, obligation: string): NoticeTemplate | undefined {
  return NOTICE_TEMPLATES.find((t) => t.regime === regime && t.obligation === obligation);
}
