import { fieldNotice, type FieldSection, type NoticeDocument } from './document';
import type { DraftInput } from './draft-input';
import { approx, clockOf, descriptionField, dpoField, dueText, extraField, field, formatTechnical, listOf, measuresField, nonBlank, zoneOf } from './fields';
import { EU_MEMBER_STATES } from '../regulations';

// Principal fields only: the main field groups of the reporting template in the Annex of Commission Implementing
// Regulation (EU) 2025/302, as far as we are confident of them. The template has more fields and fixed value lists;
// check the Annex (and the competent authority's own form) before filing.
const ITS = 'ITS (EU) 2025/302 Annex';
const INITIAL = `DORA Art. 19(4)(a); ${ITS}`;
const INTERMEDIATE = `DORA Art. 19(4)(b); ${ITS}`;
const FINAL = `DORA Art. 19(4)(c); ${ITS}`;

const TEMPLATE_NOTE = 'Principal fields of the ITS reporting template only; the Annex of Implementing Regulation (EU) 2025/302 has more, with fixed value lists. Check it, and the competent authority’s form, before filing.';

function generalSection(input: DraftInput, legalBasis: string): FieldSection {
  return {
    heading: 'General information about the financial entity',
    fields: [
      field('entity', 'Name of the financial entity', nonBlank(input.controller.name), legalBasis, true),
      extraField(input, 'entityIdentifier', legalBasis),
      extraField(input, 'entityType', legalBasis),
      dpoField(input, legalBasis, 'Contact person (name plus email or phone)'),
      field('reference', 'Incident reference code given by the financial entity', nonBlank(input.incident.reference), legalBasis, true),
    ],
  };
}

function sentAt(input: DraftInput, obligation: string, zone: string): string | null {
  const at = clockOf(input, 'DORA', obligation)?.metAt;
  return at ? formatTechnical(at, zone) : null;
}

/** DORA initial notification of a major ICT-related incident (Art. 19(4)(a)): who, when detected and classified, what, which criteria. */
export function draftDoraInitialNotification(input: DraftInput): NoticeDocument {
  const zone = zoneOf(input);
  const clock = clockOf(input, 'DORA', 'initial-notification');
  const memberStates = (input.scope?.countries ?? []).filter((c) => EU_MEMBER_STATES.includes(c));
  return fieldNotice(
    { regime: 'DORA', obligation: 'initial-notification', recipient: 'Competent authority', title: `DORA initial notification of a major ICT-related incident, ${input.incident.reference}`, basis: INITIAL, notes: [TEMPLATE_NOTE] },
    [
      generalSection(input, INITIAL),
      {
        heading: 'Initial notification',
        fields: [
          field('detectedAt', 'Date and time of detection', formatTechnical(input.incident.detectedAt, zone), INITIAL, true),
          field('classifiedAt', 'Date and time of classification as major', clock?.startsAt ? formatTechnical(clock.startsAt, zone) : null, INITIAL, true),
          field('dueAt', 'Due', dueText(clock, zone), 'DORA Art. 20; RTS (EU) 2025/301 Art. 5'),
          descriptionField(input, INITIAL, 'Description of the incident'),
          extraField(input, 'classificationCriteria', INITIAL),
          field('memberStates', 'Member States affected (where affected people live, from the scope)', listOf(memberStates), INITIAL),
        ],
      },
    ],
  );
}

/** DORA intermediate report (Art. 19(4)(b)): occurrence and recovery, clients affected, type of incident, infrastructure, actions. */
export function draftDoraIntermediateReport(input: DraftInput): NoticeDocument {
  const zone = zoneOf(input);
  return fieldNotice(
    { regime: 'DORA', obligation: 'intermediate-report', recipient: 'Competent authority', title: `DORA intermediate report on a major ICT-related incident, ${input.incident.reference}`, basis: INTERMEDIATE, notes: [TEMPLATE_NOTE] },
    [
      generalSection(input, INTERMEDIATE),
      {
        heading: 'Intermediate report',
        fields: [
          field('initialNotificationSentAt', 'Initial notification sent at', sentAt(input, 'initial-notification', zone), INTERMEDIATE, false, 'not recorded as sent'),
          field('dueAt', 'Due', dueText(clockOf(input, 'DORA', 'intermediate-report'), zone), 'DORA Art. 20; RTS (EU) 2025/301 Art. 5'),
          extraField(input, 'breachDate', INTERMEDIATE, true, 'Date and time the incident occurred'),
          extraField(input, 'recoveredAt', INTERMEDIATE, false),
          extraField(input, 'clientsAffected', INTERMEDIATE),
          field('dataSubjectsApprox', 'Individuals whose personal data were affected (from the scope)', approx(input.scope?.dataSubjectsApprox, 'person', 'people'), INTERMEDIATE),
          extraField(input, 'incidentType', INTERMEDIATE),
          field('affectedInfrastructure', 'Affected infrastructure components', listOf(input.scope?.affectedSystems), INTERMEDIATE, true),
          measuresField(input, zone, formatTechnical, INTERMEDIATE, 'Temporary actions and measures taken'),
          extraField(input, 'indicatorsOfCompromise', INTERMEDIATE, false),
        ],
      },
    ],
  );
}

/** DORA final report (Art. 19(4)(c)): root cause, resolution, lessons, costs and losses. */
export function draftDoraFinalReport(input: DraftInput): NoticeDocument {
  const zone = zoneOf(input);
  return fieldNotice(
    { regime: 'DORA', obligation: 'final-report', recipient: 'Competent authority', title: `DORA final report on a major ICT-related incident, ${input.incident.reference}`, basis: FINAL, notes: [TEMPLATE_NOTE] },
    [
      generalSection(input, FINAL),
      {
        heading: 'Final report',
        fields: [
          field('intermediateReportSentAt', 'Latest intermediate report sent at', sentAt(input, 'intermediate-report', zone), FINAL, false, 'not recorded as sent'),
          field('dueAt', 'Due', dueText(clockOf(input, 'DORA', 'final-report'), zone), 'DORA Art. 20; RTS (EU) 2025/301 Art. 5'),
          extraField(input, 'rootCauseType', FINAL),
          field('rootCause', 'Root cause, in detail', nonBlank(input.scope?.cause), FINAL, true),
          extraField(input, 'resolvedAt', FINAL),
          { ...measuresField(input, zone, formatTechnical, FINAL, 'Actions taken to resolve the incident'), required: false },
          field('lessonsLearned', 'Lessons learned', nonBlank(input.lessonsLearned), FINAL),
          extraField(input, 'costsAndLosses', FINAL),
        ],
      },
    ],
  );
}
