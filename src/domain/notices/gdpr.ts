import type { SpecialCategory, SubjectsDecision, SubjectsExemption } from '../lifecycle';
import type { Scope } from '../lifecycle';
import { line, list, noticeDocument, stacked, text, value, type NoticeDocument } from './document';
import type { DraftClock, DraftInput } from './draft-input';
import {
  approx,
  capitalise,
  categoriesField,
  consequencesField,
  dpoField,
  field,
  formatPlain,
  listField,
  formatTechnical,
  listOf,
  measuresField,
  nonBlank,
  show,
  zoneOf,
  type DraftField,
} from './fields';

/** The GDPR and its UK copy differ, for a notice, in the law's name and whom the notice goes to. */
export interface GdprLaw {
  regime: 'GDPR' | 'UK-GDPR';
  /** How provisions are cited: "GDPR Art. 33(1)". */
  cite: 'GDPR' | 'UK GDPR';
  authority: string;
  /** Where the countries of the data subjects matter. */
  countriesBasis: string;
}

/** The EU GDPR: notices go to the lead supervisory authority. */
export const EU_GDPR: GdprLaw = { regime: 'GDPR', cite: 'GDPR', authority: 'the supervisory authority', countriesBasis: 'GDPR Art. 56; EDPB Guidelines 9/2022' };
/** The UK GDPR: notices go to the Information Commissioner's Office. */
export const UK_GDPR: GdprLaw = {
  regime: 'UK-GDPR',
  cite: 'UK GDPR',
  authority: 'the Information Commissioner’s Office (ICO)',
  countriesBasis: 'UK GDPR Art. 33(3)(a)',
};

const SPECIAL_CATEGORY_LABELS: Record<SpecialCategory, string> = {
  'racial-or-ethnic-origin': 'racial or ethnic origin',
  'political-opinions': 'political opinions',
  'religious-or-philosophical-beliefs': 'religious or philosophical beliefs',
  'trade-union-membership': 'trade union membership',
  'genetic-data': 'genetic data',
  'biometric-data': 'biometric data',
  'health-data': 'health data',
  'sex-life-or-sexual-orientation': 'sex life or sexual orientation',
  'criminal-convictions-and-offences': 'criminal convictions and offences (Art. 10)',
};

const EXEMPTION_NOTES: Record<SubjectsExemption, string> = {
  'unintelligible-data':
    'GDPR Art. 34(3)(a) exemption recorded: the personal data were unintelligible to anyone not authorised to access them (for example, encrypted). Telling the people affected is not required; this draft is kept in case the decision changes or the supervisory authority requires it (Art. 34(4)).',
  'subsequent-measures':
    'GDPR Art. 34(3)(b) exemption recorded: measures taken since the breach ensure the high risk to the people affected is no longer likely to materialise. Telling them is not required; this draft is kept in case the decision changes or the supervisory authority requires it (Art. 34(4)).',
  'disproportionate-effort':
    'GDPR Art. 34(3)(c) exemption recorded: telling each person individually would involve disproportionate effort, so this draft is a public communication that informs them in an equally effective manner.',
};

/** The authority deadline as the Art. 33 draft reads it, from one clock (null while its trigger has not happened). */
export function authorityDeadlineOf(clock: DraftClock | undefined): DraftInput['authorityDeadline'] {
  return clock?.dueAt && clock.status !== 'awaiting-trigger' ? { dueAt: clock.dueAt, status: clock.status } : null;
}

/** The Art. 33(3) notice to the supervisory authority (or the ICO), with its missing mandatory fields. */
export function draftAuthorityNotice(input: DraftInput, law: GdprLaw = EU_GDPR): NoticeDocument {
  const zone = zoneOf(input);
  const { incident, scope } = input;
  const art = (provision: string) => `${law.cite} Art. ${provision}`;
  const first = firstNotice(input.authorityNotices);
  const late = isLate(input);

  const phase = field('phase', 'Notice phase', first ? 'follow-up (Art. 33(4))' : 'initial', art('33(4)'));
  const reference = field('reference', 'Incident reference', nonBlank(incident.reference), art('33(5)'));
  const firstRef = first
    ? field('firstNoticeReference', "First notice's authority reference", nonBlank(first.reference), art('33(4)'), false, 'not yet received from the authority')
    : undefined;
  const controller = field('controller', 'Controller', nonBlank(input.controller.name), art('33(1)'));
  const dpo = dpoField(input, art('33(3)(b)'));
  const detected = field('detectedAt', 'Detected at', formatTechnical(incident.detectedAt, zone), art('33(5)'));
  const aware = field(
    'awareAt',
    'Controller became aware at',
    incident.awareAt === null ? null : formatTechnical(incident.awareAt, zone),
    art('33(1)'),
    false,
    'not recorded separately; the 72-hour clock runs from detection',
  );
  const deadline = field(
    'deadline',
    'Notification deadline (72 hours)',
    input.authorityDeadline ? `${formatTechnical(input.authorityDeadline.dueAt, zone)} (${input.authorityDeadline.status})` : null,
    art('33(1)'),
  );
  const nature = field('natureOfBreach', 'Nature of the breach', nonBlank(incident.description), art('33(3)(a)'), true);
  const cause = field('cause', 'Cause', nonBlank(scope?.cause), art('33(3)(a)'), false, 'not yet established');
  const categories = categoriesField(scope, art('33(3)(a)'), true);
  const special = specialField(scope, `${art('33(3)(a)')}, Art. 9(1), Art. 10`);
  const subjects = field('dataSubjectsApprox', 'Approximate number of data subjects', approx(scope?.dataSubjectsApprox, 'person', 'people'), art('33(3)(a)'), true);
  const records = field('recordsApprox', 'Approximate number of personal data records', approx(scope?.recordsApprox, 'record', 'records'), art('33(3)(a)'), true);
  const systems = field('affectedSystems', 'Affected systems', listOf(scope?.affectedSystems), art('33(5)'));
  const countries = field('countries', 'Countries where the data subjects live', listOf(scope?.countries), law.countriesBasis);
  const consequences = consequencesField(scope, art('33(3)(c)'));
  const risk = field(
    'riskAssessment',
    'Signed-off risk assessment',
    input.assessment ? `${input.assessment.band} risk; outcome: ${outcomeText(input.assessment.finalOutcome)}` : null,
    `${art('33(1)')}, Art. 34(1)`,
    false,
    'not yet signed off',
  );
  // Shown only for an assessment made with the EDPB factors: one made before them has no reasons to give.
  const reasons = input.assessment?.reasons ?? [];
  const riskReasons = reasons.length > 0 ? listField('riskReasons', 'Why the assessment suggests this outcome', reasons, `${art('33(1)')}, Art. 34(1)`) : undefined;
  const status = field('containmentStatus', 'Containment status', containmentText(input.containmentStatus), art('33(3)(d)'));
  const measures = measuresField(input, zone, formatTechnical, art('33(3)(d)'));
  const subjectsComm = field('subjectsCommunication', 'Communication to data subjects', subjectsDecisionText(input.subjectsDecision), `${law.cite} Art. 34`, false, 'not yet decided');
  // Art. 33(1): a notice made after 72 hours must be accompanied by the reasons for the delay.
  const delay = late ? field('delayReasons', 'Reasons for the delay', nonBlank(input.delayReasons), art('33(1)'), true) : undefined;

  const fields = [
    reference,
    phase,
    ...(firstRef ? [firstRef] : []),
    controller,
    dpo,
    detected,
    aware,
    deadline,
    nature,
    cause,
    categories,
    special,
    subjects,
    records,
    systems,
    countries,
    consequences,
    risk,
    ...(riskReasons ? [riskReasons] : []),
    status,
    measures,
    subjectsComm,
    ...(delay ? [delay] : []),
  ];

  const title = `Personal data breach notification to ${law.authority} (${law.cite} Art. 33), ${first ? 'follow-up' : 'initial'} notice, ${show(reference)}`;

  const header = [`${reference.label}: ${show(reference)}`, `${phase.label}: ${show(phase)}`];
  if (first && firstRef) {
    header.push(`This notice follows up the first notice submitted to ${first.authority} on ${formatTechnical(first.submittedAt, zone)}, authority reference ${show(firstRef)}.`);
  }
  if (input.preparedAt !== undefined) header.push(`Draft prepared at: ${formatTechnical(input.preparedAt, zone)}`);
  header.push(`Times are shown in ${zone}, with their UTC offset.`);
  if (input.assessment?.finalOutcome === 'register-only') {
    header.push(
      'Note: the signed-off assessment concludes the breach is unlikely to result in a risk, so no notice is required (Art. 33(1)); record it in the breach register (Art. 33(5)).',
    );
  }

  const natureBlocks = [text(`Title: ${incident.title}`), line(nature), line(cause)];
  if (scope && scope.specialCategories.length > 0) natureBlocks.push(text(`SPECIAL CATEGORIES OF PERSONAL DATA ARE INVOLVED (${law.cite} Art. 9/10).`));
  natureBlocks.push(line(categories), line(special), line(subjects), line(records), line(systems), line(countries));

  const sections = [
    { heading: '1. Controller and contact point (Art. 33(3)(b))', blocks: [line(controller), line(dpo)] },
    { heading: '2. Timeline (Art. 33(1))', blocks: [line(detected), line(aware), line(deadline)] },
    { heading: '3. Nature of the breach (Art. 33(3)(a))', blocks: natureBlocks },
    { heading: '4. Likely consequences (Art. 33(3)(c))', blocks: [line(consequences), line(risk), ...(riskReasons ? [stacked(riskReasons)] : [])] },
    {
      heading: '5. Measures taken or proposed, including to mitigate possible adverse effects (Art. 33(3)(d))',
      blocks: [line(status), stacked(measures), line(subjectsComm)],
    },
  ];
  if (delay && input.authorityDeadline) {
    sections.push({
      heading: '6. Reasons for the delay (Art. 33(1)) [REQUIRED]',
      blocks: [
        text(`This notice is made after the 72-hour deadline of ${formatTechnical(input.authorityDeadline.dueAt, zone)}; Art. 33(1) requires the reasons for the delay.`),
        value(delay),
      ],
    });
  }

  return noticeDocument({
    regime: law.regime,
    obligation: 'notify-supervisory-authority',
    recipient: capitalise(law.authority.replace(/^the /, '')),
    title,
    preamble: [header.join('\n')],
    sections,
    fields,
    basis: 'Art. 33(3)',
  });
}

/** The Art. 34 communication to the people affected, in plain language, with its missing mandatory fields. */
export function draftDataSubjectNotice(input: DraftInput): NoticeDocument {
  const zone = zoneOf(input);
  const { incident, scope } = input;
  const exemption = input.subjectsDecision?.decision === 'exempt' ? input.subjectsDecision.exemption : undefined;
  const isPublic = exemption === 'disproportionate-effort';

  const reference = field('reference', 'Incident reference', nonBlank(incident.reference), 'GDPR Art. 33(5)');
  const controller = field('controller', 'Controller', nonBlank(input.controller.name), 'GDPR Art. 34(2)');
  const nature = field('natureOfBreach', 'What happened', nonBlank(incident.description), 'GDPR Art. 34(2)', true);
  const aware = field('awareAt', 'When we found out', formatPlain(incident.awareAt ?? incident.detectedAt, zone), 'GDPR Art. 34(2)');
  const categories = categoriesField(scope, 'GDPR Art. 34(2)', false);
  const special = specialField(scope, 'GDPR Art. 33(3)(a), Art. 9(1), Art. 10');
  const people = field('dataSubjectsApprox', 'How many people are affected', approx(scope?.dataSubjectsApprox, 'person', 'people'), 'GDPR Art. 34(2)');
  const consequences = consequencesField(scope, 'GDPR Art. 34(2), Art. 33(3)(c)');
  const status = field('containmentStatus', 'Where we are', plainContainmentText(input.containmentStatus), 'GDPR Art. 34(2), Art. 33(3)(d)');
  const measures = measuresField(input, zone, formatPlain, 'GDPR Art. 34(2), Art. 33(3)(d)');
  const dpo = dpoField(input, 'GDPR Art. 34(2), Art. 33(3)(b)');
  const exemptionField = exemption ? field('exemption', 'Art. 34(3) exemption', subjectsDecisionText(input.subjectsDecision), 'GDPR Art. 34(3)') : undefined;

  const fields = [reference, ...(exemptionField ? [exemptionField] : []), controller, aware, nature, categories, special, people, consequences, status, measures, dpo];

  const who = nonBlank(input.controller.name);
  const title = isPublic ? `Public communication about a personal data breach${who ? ` at ${who}` : ''}` : 'Important information about your personal information';

  const preamble: string[] = [];
  if (exemption) {
    const reason = nonBlank(input.subjectsDecision?.reason);
    preamble.push(`NOTE FOR THE REVIEWER: ${EXEMPTION_NOTES[exemption]}${reason ? ` Recorded reason: ${reason}` : ''}`);
  }
  preamble.push(`Our reference: ${show(reference)}`);
  preamble.push(isPublic ? 'To everyone who may be affected,' : 'Hello,');

  const involved = [];
  if (categories.value !== null) involved.push(text(`The information involved: ${categories.value}.`));
  else involved.push(text('We are still working out exactly which information was involved and will tell you when we know.'));
  if (scope && scope.specialCategories.length > 0) involved.push(text(`This includes sensitive information: ${show(special)}.`));
  if (people.value !== null && scope && scope.dataSubjectsApprox > 0) {
    involved.push(text(`${capitalise(people.value)} ${scope.dataSubjectsApprox === 1 ? 'is' : 'are'} affected.`));
  }

  const sections = [
    {
      heading: 'What happened',
      blocks: [
        text(`On ${show(aware)}, ${who ? `${who} found` : 'we found'} out about a security incident that affected personal information${isPublic ? '' : ' about you'}.`),
        value(nature),
      ],
    },
    { heading: 'What information was involved', blocks: involved },
    { heading: 'What this could mean for you', blocks: [value(consequences)] },
    { heading: 'What we are doing', blocks: [value(status), text('What we have done so far:'), value(measures)] },
    {
      heading: 'What you can do',
      blocks: [
        list([
          'Be careful with unexpected emails, text messages or phone calls that mention this incident or ask for your details. We will never ask you for your password.',
          'Keep an eye on your accounts and statements, and tell us or your bank if you see anything you do not recognise.',
          'If you used the same password elsewhere, change it there too.',
        ]),
      ],
    },
    { heading: 'Who to contact', blocks: [text(`If you have questions, please contact ${show(dpo)}.`), text(`Please quote our reference ${show(reference)}.`)] },
  ];

  return noticeDocument({
    regime: 'GDPR',
    obligation: 'notify-data-subjects',
    recipient: 'The data subjects',
    title,
    preamble,
    sections,
    fields,
    basis: 'Art. 34(2)',
  });
}

function firstNotice(notices: DraftInput['authorityNotices']): DraftInput['authorityNotices'][number] | undefined {
  const byTime = [...notices].sort((a, b) => Date.parse(a.submittedAt) - Date.parse(b.submittedAt));
  return byTime.find((n) => n.phase === 'initial') ?? byTime[0];
}

function isLate(input: DraftInput): boolean {
  const deadline = input.authorityDeadline;
  if (!deadline) return false;
  if (deadline.status === 'overdue') return true;
  // 'met' and 'waived' close the clock; only a still-pending one can run out while drafting.
  return deadline.status === 'pending' && input.preparedAt !== undefined && Date.parse(input.preparedAt) >= Date.parse(deadline.dueAt);
}

function specialField(scope: Scope | null, legalBasis: string): DraftField {
  const v = scope ? (scope.specialCategories.length > 0 ? scope.specialCategories.map((c) => SPECIAL_CATEGORY_LABELS[c]).join(', ') : 'none identified') : null;
  return field('specialCategories', 'Special categories of personal data (Art. 9/10)', v, legalBasis);
}

function containmentText(status: DraftInput['containmentStatus']): string {
  switch (status) {
    case 'not-started':
      return 'containment not yet started';
    case 'in-progress':
      return 'containment in progress';
    case 'contained':
      return 'contained';
  }
}

function plainContainmentText(status: DraftInput['containmentStatus']): string {
  switch (status) {
    case 'not-started':
      return 'We are starting work to stop the incident and limit its effects.';
    case 'in-progress':
      return 'We are still working to stop the incident and limit its effects.';
    case 'contained':
      return 'We have stopped the incident.';
  }
}

function outcomeText(outcome: NonNullable<DraftInput['assessment']>['finalOutcome']): string {
  switch (outcome) {
    case 'register-only':
      return 'record in the breach register only';
    case 'notify-authority':
      return 'notify the supervisory authority';
    case 'notify-authority-and-subjects':
      return 'notify the supervisory authority and the data subjects';
  }
}

function subjectsDecisionText(decision: SubjectsDecision | null): string | null {
  if (!decision) return null;
  if (decision.decision === 'notify') return 'the data subjects will be told (Art. 34(1))';
  const ground = decision.exemption ? `exempt under ${exemptionArticle(decision.exemption)}` : 'exempt';
  return decision.reason ? `${ground}: ${decision.reason}` : ground;
}

function exemptionArticle(exemption: SubjectsExemption): string {
  switch (exemption) {
    case 'unintelligible-data':
      return 'Art. 34(3)(a), data unintelligible';
    case 'subsequent-measures':
      return 'Art. 34(3)(b), subsequent measures';
    case 'disproportionate-effort':
      return 'Art. 34(3)(c), public communication instead';
  }
}
