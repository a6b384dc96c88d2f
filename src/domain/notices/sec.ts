import { fieldNotice, type NoticeDocument } from './document';
import type { DraftInput } from './draft-input';
import { approx, clockOf, descriptionField, dueText, extraField, field, formatTechnical, listOf, nonBlank, zoneOf } from './fields';

const ITEM = 'Form 8-K Item 1.05(a)';

/** What the scope says of the incident's reach: data, people, systems; null before any scope is recorded. */
function scopeText(input: DraftInput): string | null {
  const scope = input.scope;
  if (!scope) return null;
  const parts = [
    listOf(scope.dataCategories) ? `data involved: ${listOf(scope.dataCategories)}` : null,
    approx(scope.dataSubjectsApprox, 'person', 'people') ? `individuals affected: ${approx(scope.dataSubjectsApprox, 'person', 'people')}` : null,
    listOf(scope.affectedSystems) ? `systems affected: ${listOf(scope.affectedSystems)}` : null,
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join('; ') : null;
}

/** The Form 8-K Item 1.05 disclosure of a material cybersecurity incident, with Instruction 2's 8-K/A duty noted. */
export function draftSecForm8K(input: DraftInput): NoticeDocument {
  const zone = zoneOf(input);
  const clock = clockOf(input, 'SEC', 'file-8k');
  const timing = [
    `detected ${formatTechnical(input.incident.detectedAt, zone)}`,
    ...(input.incident.awareAt ? [`known to the registrant ${formatTechnical(input.incident.awareAt, zone)}`] : []),
    input.containmentStatus === 'contained' ? 'contained' : `containment ${input.containmentStatus.replace('-', ' ')}`,
  ].join('; ');
  return fieldNotice(
    {
      regime: 'SEC',
      obligation: 'file-8k',
      recipient: 'Public filing on EDGAR (Form 8-K)',
      title: 'Form 8-K, Item 1.05 Material Cybersecurity Incidents',
      basis: ITEM,
      paper: 'Letter',
      notes: [
        'Instruction 2 to Item 1.05: where information Item 1.05(a) calls for is not determined or is unavailable when the 8-K is due, say so in the filing, then file an amendment (Form 8-K/A) with it within four business days after it is determined or becomes available.',
        'Instruction 4 to Item 1.05: the registrant need not disclose specific or technical information about its planned response, its systems or their vulnerabilities in such detail as would impede its response or remediation.',
      ],
    },
    [
      {
        heading: 'Registrant and filing',
        fields: [
          field('registrant', 'Registrant', nonBlank(input.controller.name), 'Form 8-K cover page', true),
          field('materialityDeterminedAt', 'Date the incident was determined to be material', clock?.startsAt ? formatTechnical(clock.startsAt, zone) : null, 'Form 8-K General Instruction B.1; Item 1.05(a)', true),
          field('dueAt', 'Filing due (four business days after the determination)', dueText(clock, zone), 'Form 8-K General Instruction B.1'),
          field('reference', 'Internal incident reference (not for filing)', nonBlank(input.incident.reference), 'internal'),
        ],
      },
      {
        heading: 'Item 1.05(a): material aspects of the nature, scope and timing of the incident',
        fields: [
          descriptionField(input, ITEM, 'Nature of the incident'),
          field('scope', 'Scope of the incident', scopeText(input), ITEM, true),
          field('timing', 'Timing of the incident', timing, ITEM, true),
          extraField(input, 'breachDate', ITEM, false, 'When the incident occurred, or over which period'),
        ],
      },
      {
        heading: 'Item 1.05(a): material impact or reasonably likely material impact',
        fields: [extraField(input, 'materialImpact', ITEM, true, 'Material impact or reasonably likely material impact on the registrant, including its financial condition and results of operations')],
      },
    ],
  );
}
