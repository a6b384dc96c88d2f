import { fieldNotice, type NoticeDocument } from './document';
import type { DraftInput } from './draft-input';
import { approx, categoriesField, clockOf, consequencesField, descriptionField, dpoField, extraField, field, formatTechnical, measuresField, nonBlank, zoneOf } from './fields';

// Resolution CD/ANPD 15/2024 Art. 6 items I–XII, paraphrased in English; check the Portuguese text before filing.
const ART6 = 'Resolution CD/ANPD 15/2024 Art. 6';
const item = (roman: string) => `${ART6}, ${roman}`;

/** The communication of a security incident to the ANPD (LGPD Art. 48; Resolution CD/ANPD 15/2024 Art. 6). */
export function draftLgpdAnpdCommunication(input: DraftInput): NoticeDocument {
  const zone = zoneOf(input);
  const { scope, incident } = input;
  const clock = clockOf(input, 'LGPD', 'notify-anpd');
  const late = clock?.status === 'overdue' || (clock?.status === 'pending' && clock.dueAt !== null && input.preparedAt !== undefined && Date.parse(input.preparedAt) >= Date.parse(clock.dueAt));
  const categories = categoriesField(scope, item('I'), true, 'Nature and categories of the personal data affected');
  const encryption = scope ? (scope.encrypted ? 'the data were encrypted with a key that was not compromised' : 'the data were not encrypted') : null;
  const description = [nonBlank(incident.description), nonBlank(scope?.cause) ? `Main cause: ${nonBlank(scope?.cause)}` : null].filter((p) => p !== null).join('\n');
  return fieldNotice(
    {
      regime: 'LGPD',
      obligation: 'notify-anpd',
      recipient: 'Autoridade Nacional de Proteção de Dados (ANPD)',
      title: `Communication of a security incident to the ANPD, ${incident.reference}`,
      basis: ART6,
      notes: ['The items follow Resolution CD/ANPD 15/2024 Art. 6, paraphrased in English; the ANPD form asks for them in Portuguese.'],
    },
    [
      {
        heading: 'Controller and contact (items VIII–X)',
        fields: [
          field('controller', 'Controller', nonBlank(input.controller.name), item('IX'), true),
          dpoField(input, item('VIII'), 'Data protection officer (encarregado) or representative (name plus email or phone)'),
          extraField(input, 'processor', item('X'), false),
        ],
      },
      {
        heading: 'The incident (items VII, XI)',
        fields: [
          { ...descriptionField(input, item('XI'), 'Description of the incident, with its main cause where known'), value: description || null },
          extraField(input, 'breachDate', item('VII'), true, 'Date of the incident'),
          field('awareAt', 'Date the controller became aware of it', formatTechnical(clock?.startsAt ?? incident.awareAt ?? incident.detectedAt, zone), item('VII'), true),
        ],
      },
      {
        heading: 'Data and data subjects (items I, II, XII)',
        fields: [
          categories,
          field('dataSubjectsApprox', 'Number of data subjects affected', approx(scope?.dataSubjectsApprox, 'person', 'people'), item('II'), true),
          extraField(input, 'vulnerableSubjects', item('II')),
          extraField(input, 'totalSubjectsProcessed', item('XII')),
        ],
      },
      {
        heading: 'Security, risks and measures (items III, IV, VI)',
        fields: [
          field('encryption', 'Encryption of the data affected', encryption, item('III'), true),
          extraField(input, 'securityMeasures', item('III'), false, 'Other technical and security measures protecting the data'),
          consequencesField(scope, item('IV'), 'Risks of the incident, with its possible impacts on data subjects'),
          measuresField(input, zone, formatTechnical, item('VI'), 'Measures taken or to be taken to reverse or mitigate the effects'),
        ],
      },
      ...(late
        ? [{ heading: 'Reasons for the delay (item V)', fields: [field('delayReasons', 'Reasons the communication was not made within the period', nonBlank(input.delayReasons), item('V'), true)] }]
        : []),
    ],
  );
}
