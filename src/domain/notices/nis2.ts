import { fieldNotice, type FieldSection, type NoticeDocument } from './document';
import type { DraftInput } from './draft-input';
import { clockOf, descriptionField, dpoContact, dueText, extraField, field, formatTechnical, listOf, measuresField, nonBlank, zoneOf, type DraftField } from './fields';

const EARLY = 'NIS2 Art. 23(4)(a)';
const NOTIFICATION = 'NIS2 Art. 23(4)(b)';

function entitySection(input: DraftInput, legalBasis: string): FieldSection {
  return {
    heading: 'Entity',
    fields: [
      field('entity', 'Essential or important entity', nonBlank(input.controller.name), legalBasis, true),
      field('contact', 'Contact point', dpoContact(input), legalBasis),
      field('reference', 'Incident reference', nonBlank(input.incident.reference), legalBasis),
    ],
  };
}

function awarenessField(input: DraftInput, zone: string, obligation: string, legalBasis: string): DraftField {
  const clock = clockOf(input, 'NIS2', obligation);
  const aware = clock?.startsAt ?? input.incident.awareAt ?? input.incident.detectedAt;
  return field('awareAt', 'Became aware of the significant incident at', formatTechnical(aware, zone), legalBasis, true);
}

function warningFields(input: DraftInput, legalBasis: string): DraftField[] {
  return [
    extraField(input, 'maliciousActSuspected', legalBasis, true, 'Suspected of being caused by unlawful or malicious acts?'),
    extraField(input, 'crossBorderImpact', legalBasis, true, 'Could it have a cross-border impact?'),
    field('countries', 'Countries where affected people live (from the scope)', listOf(input.scope?.countries), legalBasis),
  ];
}

/** The NIS2 early warning (Art. 23(4)(a)): within 24 hours, whether malicious acts are suspected and whether the impact could cross borders. */
export function draftNis2EarlyWarning(input: DraftInput): NoticeDocument {
  const zone = zoneOf(input);
  return fieldNotice(
    { regime: 'NIS2', obligation: 'early-warning', recipient: 'CSIRT or competent authority', title: `NIS2 early warning of a significant incident, ${input.incident.reference}`, basis: EARLY },
    [
      entitySection(input, EARLY),
      {
        heading: 'Early warning (Art. 23(4)(a))',
        fields: [
          awarenessField(input, zone, 'early-warning', EARLY),
          field('dueAt', 'Due (24 hours from awareness)', dueText(clockOf(input, 'NIS2', 'early-warning'), zone), EARLY),
          field('summary', 'Short description', nonBlank(input.incident.description), EARLY),
          ...warningFields(input, EARLY),
        ],
      },
    ],
  );
}

/** The NIS2 incident notification (Art. 23(4)(b)): within 72 hours, the early warning updated plus an initial assessment. */
export function draftNis2IncidentNotification(input: DraftInput): NoticeDocument {
  const zone = zoneOf(input);
  const early = clockOf(input, 'NIS2', 'early-warning');
  const band = input.assessment?.band;
  return fieldNotice(
    {
      regime: 'NIS2',
      obligation: 'incident-notification',
      recipient: 'CSIRT or competent authority',
      title: `NIS2 incident notification, ${input.incident.reference}`,
      basis: NOTIFICATION,
    },
    [
      entitySection(input, NOTIFICATION),
      {
        heading: 'Update of the early warning (Art. 23(4)(b), (a))',
        fields: [
          field('earlyWarningSentAt', 'Early warning sent at', early?.metAt ? formatTechnical(early.metAt, zone) : null, EARLY, false, 'not recorded as sent'),
          awarenessField(input, zone, 'incident-notification', NOTIFICATION),
          field('dueAt', 'Due (72 hours from awareness)', dueText(clockOf(input, 'NIS2', 'incident-notification'), zone), NOTIFICATION),
          ...warningFields(input, NOTIFICATION),
        ],
      },
      {
        heading: 'Initial assessment (Art. 23(4)(b))',
        fields: [
          descriptionField(input, NOTIFICATION, 'Initial assessment of the incident'),
          extraField(input, 'severityAndImpact', NOTIFICATION, true),
          field('personalDataRisk', 'Risk to individuals (signed-off GDPR assessment)', band ? `${band} risk` : null, 'GDPR Art. 33(1)'),
          extraField(input, 'indicatorsOfCompromise', NOTIFICATION, false, 'Indicators of compromise, where available'),
          { ...measuresField(input, zone, formatTechnical, NOTIFICATION, 'Measures taken so far'), required: false },
        ],
      },
    ],
  );
}
