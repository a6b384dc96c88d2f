import { fieldNotice, type NoticeDocument } from './document';
import type { DraftInput } from './draft-input';
import { categoriesField, clockOf, descriptionField, dpoContact, extraField, field, formatUsDate, grouped, listField, measuresField, nonBlank, zoneOf } from './fields';

const CA = 'Cal. Civ. Code 1798.82';

// The credit reporting agencies' consumer lines and mailing addresses as they publish them; check them before sending.
const CREDIT_REPORTING_AGENCIES = [
  'Equifax: 1-800-685-1111, P.O. Box 740241, Atlanta, GA 30374',
  'Experian: 1-888-397-3742, P.O. Box 2002, Allen, TX 75013',
  'TransUnion: 1-888-909-8872, P.O. Box 2000, Chester, PA 19016',
];

// 1798.82(d)(2)(F) and (G) turn on these identifiers (1798.82(h)(1)(A), (B)); the scope records categories as free text.
const GOVERNMENT_ID = /social security|\bssns?\b|driver'?s'? licen[cs]e|california identification|\bstate id/i;

/** The California "Notice of Data Breach" (Cal. Civ. Code 1798.82(d)): the title, the five headings in order, 10-point type. */
export function draftCaliforniaResidentNotice(input: DraftInput): NoticeDocument {
  const zone = zoneOf(input);
  const clock = clockOf(input, 'US-CA', 'notify-residents');
  const idsExposed = (input.scope?.dataCategories ?? []).some((c) => GOVERNMENT_ID.test(c));
  const residents = input.scope?.affected.find((a) => a.area === 'US-CA')?.count;
  const entity = nonBlank(input.controller.name);
  const contact = dpoContact(input);
  const business = entity && contact ? `${entity}; ${contact}` : null;

  const notes = [
    'Print the notice in no smaller than 10-point type, with the title and headings clearly and conspicuously displayed (1798.82(d)(1)).',
    'Check the credit reporting agencies’ telephone numbers and addresses against their own sites before sending.',
  ];
  if (residents !== undefined && residents > 500) {
    notes.push(`About ${grouped(residents)} California residents are affected: submit a sample copy of this notice to the Attorney General (1798.82(f)).`);
  }

  return fieldNotice(
    {
      regime: 'US-CA',
      obligation: 'notify-residents',
      recipient: 'Affected California residents',
      title: 'Notice of Data Breach',
      basis: `${CA}(d)`,
      paper: 'Letter',
      minFontPt: 10,
      preamble: entity ? [entity] : [],
      notes,
    },
    [
      {
        heading: 'What Happened',
        fields: [
          descriptionField(input, `${CA}(d)(2)(E)`, 'What happened'),
          extraField(input, 'breachDate', `${CA}(d)(2)(C)`, true, 'Date of the breach, estimated date, or date range'),
          field('discoveredAt', 'Date we discovered the breach', clock?.startsAt ? formatUsDate(clock.startsAt, zone) : formatUsDate(input.incident.detectedAt, zone), `${CA}(a)`),
          field('noticeDate', 'Date of this notice', input.preparedAt ? formatUsDate(input.preparedAt, zone) : null, `${CA}(d)(2)(C)`, true),
          extraField(input, 'lawEnforcementDelay', `${CA}(d)(2)(D)`, true, 'Whether this notice was delayed by a law-enforcement investigation'),
        ],
      },
      {
        heading: 'What Information Was Involved',
        fields: [categoriesField(input.scope, `${CA}(d)(2)(B)`, true, 'Types of personal information involved')],
      },
      {
        heading: 'What We Are Doing',
        fields: [
          { ...measuresField(input, zone, formatUsDate, `${CA}(d)(3)(A)`, 'What we have done to protect you'), required: false },
          ...(idsExposed ? [extraField(input, 'identityTheftServices', `${CA}(d)(2)(G)`, true, 'Identity theft prevention and mitigation services offered at no cost for at least 12 months, and how to enrol')] : []),
        ],
      },
      {
        heading: 'What You Can Do',
        fields: [
          extraField(input, 'stepsForIndividuals', `${CA}(d)(3)(B)`, false, 'Steps you can take to protect yourself'),
          listField(
            'creditReportingAgencies',
            'Major credit reporting agencies (toll-free numbers and addresses)',
            idsExposed ? CREDIT_REPORTING_AGENCIES : [],
            `${CA}(d)(2)(F)`,
            idsExposed,
            'not required: no Social Security, driver’s licence or California ID numbers are recorded as involved',
          ),
        ],
      },
      {
        heading: 'For More Information',
        fields: [field('businessContact', 'Name and contact information of the business reporting the breach', business, `${CA}(d)(2)(A)`, true)],
      },
    ],
  );
}
