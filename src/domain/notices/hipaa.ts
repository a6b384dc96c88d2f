import { fieldNotice, type NoticeDocument } from './document';
import type { DraftInput } from './draft-input';
import { categoriesField, clockOf, descriptionField, dpoContact, extraField, field, formatUsDate, measuresField, nonBlank, zoneOf } from './fields';

const RULE = '45 CFR 164.404(c)(1)';

/** The HIPAA notice to individuals (45 CFR 164.404(c)): what happened, what was involved, what to do, what we do, whom to ask. */
export function draftHipaaIndividualNotice(input: DraftInput): NoticeDocument {
  const zone = zoneOf(input);
  const clock = clockOf(input, 'HIPAA', 'notify-individuals');
  // The clock starts at discovery (164.404(a)(2)); before that trigger is recorded, detection is the earliest the entity knew.
  const discovered = clock?.startsAt ?? input.incident.detectedAt;
  const entity = nonBlank(input.controller.name);
  return fieldNotice(
    {
      regime: 'HIPAA',
      obligation: 'notify-individuals',
      recipient: 'Affected individuals',
      title: 'Notice of a breach of your health information',
      basis: RULE,
      paper: 'Letter',
      preamble: [`${entity ?? 'We'} ${entity ? 'is' : 'are'} writing to tell you about an incident that involved some of your health information.`],
      notes: [
        'Write the notice in plain language (45 CFR 164.404(c)(2)) and send it by first-class mail, or by email where the individual agreed to electronic notice (164.404(d)(1)).',
      ],
    },
    [
      {
        heading: 'What happened',
        fields: [
          descriptionField(input, `${RULE}(A)`, 'What happened'),
          extraField(input, 'breachDate', `${RULE}(A)`, true, 'Date of the breach'),
          field('discoveredAt', 'Date we discovered the breach', formatUsDate(discovered, zone), `${RULE}(A)`, true),
        ],
      },
      {
        heading: 'What information was involved',
        fields: [categoriesField(input.scope, `${RULE}(B)`, true, 'Types of unsecured protected health information involved')],
      },
      {
        heading: 'What you can do',
        fields: [extraField(input, 'stepsForIndividuals', `${RULE}(C)`, true, 'Steps you should take to protect yourself from potential harm')],
      },
      {
        heading: 'What we are doing',
        intro: 'We are investigating the breach, working to reduce any harm to you, and taking steps to protect against further breaches.',
        fields: [measuresField(input, zone, formatUsDate, `${RULE}(D)`, 'What we have done so far')],
      },
      {
        heading: 'For more information',
        fields: [field('contact', 'Whom to contact with questions (toll-free number, email, website or postal address)', dpoContact(input), `${RULE}(E)`, true)],
      },
    ],
  );
}
