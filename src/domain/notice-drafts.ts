import { DateTime } from 'luxon';
import { z } from 'zod';
import type { ContainmentStatus, Scope, SpecialCategory, SubjectsDecision, SubjectsExemption } from './lifecycle';

/** The case file a notice is drafted from; instants are ISO 8601 strings, nothing is read from the clock. */
export interface DraftInput {
  incident: { reference: string; title: string; description: string | null; detectedAt: string; awareAt: string | null };
  controller: { name: string | null; dpoName: string | null; dpoEmail: string | null; dpoPhone: string | null };
  scope: Scope | null;
  containmentActions: { action: string; performedAt: string }[];
  containmentStatus: ContainmentStatus;
  assessment: {
    band: 'low' | 'medium' | 'high' | 'very-high';
    finalOutcome: 'register-only' | 'notify-authority' | 'notify-authority-and-subjects';
  } | null;
  authorityDeadline: { dueAt: string; status: 'pending' | 'met' | 'overdue' | 'waived' } | null;
  authorityNotices: { phase: 'initial' | 'follow-up' | 'final'; submittedAt: string; authority: string; reference: string | null }[];
  subjectsDecision: SubjectsDecision | null;
  /** IANA zone the draft shows local times in; default 'UTC'. */
  timeZone?: string;
  /** When the draft is prepared; a pending deadline already past at this instant makes the notice late. */
  preparedAt?: string;
  /** Reasons for a late authority notice (Art. 33(1)), when already written. */
  delayReasons?: string | null;
}

/** Who a draft is addressed to. */
export const NoticeKindSchema = z.enum(['supervisory-authority', 'data-subjects']);
export type NoticeKind = z.infer<typeof NoticeKindSchema>;

/** One piece of content of a notice: its value as shown (null when not known) and the provision asking for it. */
export const NoticeFieldSchema = z
  .object({
    name: z.string(),
    label: z.string(),
    value: z.string().nullable(),
    legalBasis: z.string(),
  })
  .meta({ id: 'NoticeField' });
export type NoticeField = z.infer<typeof NoticeFieldSchema>;

/** A rendered notice draft: plain text with headed sections, its fields, and the mandatory fields still missing. */
export const NoticeDraftSchema = z
  .object({
    kind: NoticeKindSchema,
    title: z.string(),
    text: z.string().describe('The full draft, plain text with headed sections'),
    fields: z.array(NoticeFieldSchema),
    missing: z.array(z.string()).describe('Names of mandatory fields with no value'),
    complete: z.boolean(),
  })
  .meta({ id: 'NoticeDraft' });
export type NoticeDraft = z.infer<typeof NoticeDraftSchema>;

interface DraftField extends NoticeField {
  required: boolean;
  /** Shown instead of the value when an optional field is empty. */
  absent?: string;
}

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

const AUTHORITY_MANDATORY_NOTE = 'Art. 33(3)';
const SUBJECTS_MANDATORY_NOTE = 'Art. 34(2)';

/** The Art. 33(3) notice to the supervisory authority, as plain text with its missing mandatory fields. */
export function renderAuthorityNotice(input: DraftInput): NoticeDraft {
  const zone = zoneOf(input);
  const { incident, scope } = input;
  const first = firstNotice(input.authorityNotices);
  const late = isLate(input);

  const phase = field('phase', 'Notice phase', first ? 'follow-up (Art. 33(4))' : 'initial', 'GDPR Art. 33(4)');
  const reference = field('reference', 'Incident reference', nonBlank(incident.reference), 'GDPR Art. 33(5)');
  const firstRef = first
    ? field(
        'firstNoticeReference',
        "First notice's authority reference",
        nonBlank(first.reference),
        'GDPR Art. 33(4)',
        false,
        'not yet received from the authority',
      )
    : undefined;
  const controller = field('controller', 'Controller', nonBlank(input.controller.name), 'GDPR Art. 33(1)');
  const dpo = dpoField(input, 'GDPR Art. 33(3)(b)');
  const detected = field('detectedAt', 'Detected at', formatTechnical(incident.detectedAt, zone), 'GDPR Art. 33(5)');
  const aware = field(
    'awareAt',
    'Controller became aware at',
    incident.awareAt === null ? null : formatTechnical(incident.awareAt, zone),
    'GDPR Art. 33(1)',
    false,
    'not recorded separately; the 72-hour clock runs from detection',
  );
  const deadline = field(
    'deadline',
    'Notification deadline (72 hours)',
    input.authorityDeadline ? `${formatTechnical(input.authorityDeadline.dueAt, zone)} (${input.authorityDeadline.status})` : null,
    'GDPR Art. 33(1)',
  );
  const nature = field('natureOfBreach', 'Nature of the breach', nonBlank(incident.description), 'GDPR Art. 33(3)(a)', true);
  const cause = field('cause', 'Cause', nonBlank(scope?.cause), 'GDPR Art. 33(3)(a)', false, 'not yet established');
  const categories = categoriesField(scope, 'GDPR Art. 33(3)(a)', true);
  const special = specialField(scope);
  const subjects = field(
    'dataSubjectsApprox',
    'Approximate number of data subjects',
    approx(scope?.dataSubjectsApprox, 'person', 'people'),
    'GDPR Art. 33(3)(a)',
    true,
  );
  const records = field(
    'recordsApprox',
    'Approximate number of personal data records',
    approx(scope?.recordsApprox, 'record', 'records'),
    'GDPR Art. 33(3)(a)',
    true,
  );
  const systems = field('affectedSystems', 'Affected systems', listOf(scope?.affectedSystems), 'GDPR Art. 33(5)');
  const countries = field(
    'countries',
    'Countries where the data subjects live',
    listOf(scope?.countries),
    'GDPR Art. 56; EDPB Guidelines 9/2022',
  );
  const consequences = consequencesField(scope, 'GDPR Art. 33(3)(c)');
  const risk = field(
    'riskAssessment',
    'Signed-off risk assessment',
    input.assessment ? `${input.assessment.band} risk; outcome: ${outcomeText(input.assessment.finalOutcome)}` : null,
    'GDPR Art. 33(1), Art. 34(1)',
    false,
    'not yet signed off',
  );
  const status = field('containmentStatus', 'Containment status', containmentText(input.containmentStatus), 'GDPR Art. 33(3)(d)');
  const measures = measuresField(input, zone, formatTechnical, 'GDPR Art. 33(3)(d)');
  const subjectsComm = field(
    'subjectsCommunication',
    'Communication to data subjects',
    subjectsDecisionText(input.subjectsDecision),
    'GDPR Art. 34',
    false,
    'not yet decided',
  );
  // Art. 33(1): a notice made after 72 hours must be accompanied by the reasons for the delay.
  const delay = late
    ? field('delayReasons', 'Reasons for the delay', nonBlank(input.delayReasons), 'GDPR Art. 33(1)', true)
    : undefined;

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
    status,
    measures,
    subjectsComm,
    ...(delay ? [delay] : []),
  ];

  const title = `Personal data breach notification to the supervisory authority (GDPR Art. 33), ${first ? 'follow-up' : 'initial'} notice, ${show(reference)}`;
  const sections: string[] = [title.toUpperCase()];

  const header = [`${reference.label}: ${show(reference)}`, `${phase.label}: ${show(phase)}`];
  if (first && firstRef) {
    header.push(
      `This notice follows up the first notice submitted to ${first.authority} on ${formatTechnical(first.submittedAt, zone)}, authority reference ${show(firstRef)}.`,
    );
  }
  if (input.preparedAt !== undefined) header.push(`Draft prepared at: ${formatTechnical(input.preparedAt, zone)}`);
  header.push(`Times are shown in ${zone}, with their UTC offset.`);
  if (input.assessment?.finalOutcome === 'register-only') {
    header.push(
      'Note: the signed-off assessment concludes the breach is unlikely to result in a risk, so no notice is required (Art. 33(1)); record it in the breach register (Art. 33(5)).',
    );
  }
  sections.push(header.join('\n'));

  sections.push(section('1. Controller and contact point (Art. 33(3)(b))', [line(controller), line(dpo)]));
  sections.push(section('2. Timeline (Art. 33(1))', [line(detected), line(aware), line(deadline)]));
  const natureLines = [`Title: ${incident.title}`, line(nature), line(cause)];
  if (scope && scope.specialCategories.length > 0) {
    natureLines.push('SPECIAL CATEGORIES OF PERSONAL DATA ARE INVOLVED (GDPR Art. 9/10).');
  }
  natureLines.push(line(categories), line(special), line(subjects), line(records), line(systems), line(countries));
  sections.push(section('3. Nature of the breach (Art. 33(3)(a))', natureLines));
  sections.push(section('4. Likely consequences (Art. 33(3)(c))', [line(consequences), line(risk)]));
  sections.push(
    section('5. Measures taken or proposed, including to mitigate possible adverse effects (Art. 33(3)(d))', [
      line(status),
      `${measures.label}:`,
      show(measures),
      line(subjectsComm),
    ]),
  );
  if (delay && input.authorityDeadline) {
    sections.push(
      section('6. Reasons for the delay (Art. 33(1)) [REQUIRED]', [
        `This notice is made after the 72-hour deadline of ${formatTechnical(input.authorityDeadline.dueAt, zone)}; Art. 33(1) requires the reasons for the delay.`,
        show(delay),
      ]),
    );
  }

  return finish('supervisory-authority', title, sections, fields, AUTHORITY_MANDATORY_NOTE);
}

/** The Art. 34 communication to the people affected, in plain language, with its missing mandatory fields. */
export function renderDataSubjectNotice(input: DraftInput): NoticeDraft {
  const zone = zoneOf(input);
  const { incident, scope } = input;
  const exemption = input.subjectsDecision?.decision === 'exempt' ? input.subjectsDecision.exemption : undefined;
  const isPublic = exemption === 'disproportionate-effort';

  const reference = field('reference', 'Incident reference', nonBlank(incident.reference), 'GDPR Art. 33(5)');
  const controller = field('controller', 'Controller', nonBlank(input.controller.name), 'GDPR Art. 34(2)');
  const nature = field('natureOfBreach', 'What happened', nonBlank(incident.description), 'GDPR Art. 34(2)', true);
  const aware = field(
    'awareAt',
    'When we found out',
    formatPlain(incident.awareAt ?? incident.detectedAt, zone),
    'GDPR Art. 34(2)',
  );
  const categories = categoriesField(scope, 'GDPR Art. 34(2)', false);
  const special = specialField(scope);
  const people = field(
    'dataSubjectsApprox',
    'How many people are affected',
    approx(scope?.dataSubjectsApprox, 'person', 'people'),
    'GDPR Art. 34(2)',
  );
  const consequences = consequencesField(scope, 'GDPR Art. 34(2), Art. 33(3)(c)');
  const status = field('containmentStatus', 'Where we are', plainContainmentText(input.containmentStatus), 'GDPR Art. 34(2), Art. 33(3)(d)');
  const measures = measuresField(input, zone, formatPlain, 'GDPR Art. 34(2), Art. 33(3)(d)');
  const dpo = dpoField(input, 'GDPR Art. 34(2), Art. 33(3)(b)');
  const exemptionField = exemption
    ? field('exemption', 'Art. 34(3) exemption', subjectsDecisionText(input.subjectsDecision), 'GDPR Art. 34(3)')
    : undefined;

  const fields = [
    reference,
    ...(exemptionField ? [exemptionField] : []),
    controller,
    aware,
    nature,
    categories,
    special,
    people,
    consequences,
    status,
    measures,
    dpo,
  ];

  const who = nonBlank(input.controller.name);
  const title = isPublic
    ? `Public communication about a personal data breach${who ? ` at ${who}` : ''}`
    : 'Important information about your personal information';
  const sections: string[] = [title.toUpperCase()];

  const header: string[] = [];
  if (exemption) {
    const reason = nonBlank(input.subjectsDecision?.reason);
    header.push(`NOTE FOR THE REVIEWER: ${EXEMPTION_NOTES[exemption]}${reason ? ` Recorded reason: ${reason}` : ''}`);
  }
  header.push(`Our reference: ${show(reference)}`);
  header.push(isPublic ? 'To everyone who may be affected,' : 'Hello,');
  sections.push(header.join('\n\n'));

  sections.push(
    section('What happened', [
      `On ${show(aware)}, ${who ? `${who} found` : 'we found'} out about a security incident that affected personal information${isPublic ? '' : ' about you'}.`,
      show(nature),
    ]),
  );

  const involved: string[] = [];
  if (categories.value !== null) involved.push(`The information involved: ${categories.value}.`);
  else involved.push('We are still working out exactly which information was involved and will tell you when we know.');
  if (scope && scope.specialCategories.length > 0) {
    involved.push(`This includes sensitive information: ${show(special)}.`);
  }
  if (people.value !== null && scope && scope.dataSubjectsApprox > 0) {
    involved.push(`${capitalise(people.value)} ${scope.dataSubjectsApprox === 1 ? 'is' : 'are'} affected.`);
  }
  sections.push(section('What information was involved', involved));

  sections.push(section('What this could mean for you', [show(consequences)]));
  sections.push(section('What we are doing', [show(status), 'What we have done so far:', show(measures)]));
  sections.push(
    section('What you can do', [
      '- Be careful with unexpected emails, text messages or phone calls that mention this incident or ask for your details. We will never ask you for your password.',
      '- Keep an eye on your accounts and statements, and tell us or your bank if you see anything you do not recognise.',
      '- If you used the same password elsewhere, change it there too.',
    ]),
  );
  sections.push(
    section('Who to contact', [
      `If you have questions, please contact ${show(dpo)}.`,
      `Please quote our reference ${show(reference)}.`,
    ]),
  );

  return finish('data-subjects', title, sections, fields, SUBJECTS_MANDATORY_NOTE);
}

function field(
  name: string,
  label: string,
  value: string | null,
  legalBasis: string,
  required = false,
  absent?: string,
): DraftField {
  return { name, label, value, legalBasis, required, ...(absent === undefined ? {} : { absent }) };
}

// A missing mandatory value is marked so a reviewer cannot mistake the draft for a finished notice.
function show(f: DraftField): string {
  if (f.value !== null) return f.value;
  return f.required ? `[missing: ${f.label}]` : (f.absent ?? 'not recorded');
}

function line(f: DraftField): string {
  return `${f.label}: ${show(f)}`;
}

function section(heading: string, lines: string[]): string {
  return `${heading}\n${'-'.repeat(heading.length)}\n${lines.join('\n')}`;
}

function finish(kind: NoticeKind, title: string, sections: string[], fields: DraftField[], basis: string): NoticeDraft {
  const missing = fields.filter((f) => f.required && f.value === null).map((f) => f.name);
  const summary =
    missing.length === 0
      ? `All mandatory information (${basis}) is present.`
      : `Missing mandatory information: ${fields
          .filter((f) => missing.includes(f.name))
          .map((f) => f.label)
          .join('; ')}.`;
  return {
    kind,
    title,
    text: `${[...sections, `[Draft check, remove before sending] ${summary}`].join('\n\n')}\n`,
    fields: fields.map(({ name, label, value, legalBasis }) => ({ name, label, value, legalBasis })),
    missing,
    complete: missing.length === 0,
  };
}

function nonBlank(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function listOf(items: readonly string[] | undefined): string | null {
  const kept = (items ?? []).map((i) => i.trim()).filter((i) => i.length > 0);
  return kept.length > 0 ? kept.join(', ') : null;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Thousands separated with commas, independent of the host locale. */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function countOf(n: number, one: string, many: string): string {
  if (n === 0) return `no ${many} identified so far`;
  if (n === 1) return `1 ${one}`;
  return `about ${grouped(n)} ${many}`;
}

// A count read from an older scope row may be absent; it must show as missing, never as "undefined".
function approx(n: number | undefined, one: string, many: string): string | null {
  return n !== undefined && Number.isFinite(n) ? countOf(n, one, many) : null;
}

function zoneOf(input: DraftInput): string {
  const zone = input.timeZone ?? 'UTC';
  if (!DateTime.fromMillis(0, { zone }).isValid) throw new RangeError(`unknown time zone: ${zone}`);
  return zone;
}

function instant(iso: string, zone: string): DateTime {
  const dt = DateTime.fromISO(iso, { setZone: true });
  if (!dt.isValid) throw new RangeError(`invalid instant: ${iso}`);
  return dt.setZone(zone).setLocale('en-GB');
}

function formatTechnical(iso: string, zone: string): string {
  return instant(iso, zone).toFormat("yyyy-MM-dd HH:mm 'UTC'ZZ");
}

function formatPlain(iso: string, zone: string): string {
  return instant(iso, zone).toFormat("d MMMM yyyy 'at' HH:mm '(UTC'ZZ')'");
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

function dpoField(input: DraftInput, legalBasis: string): DraftField {
  const name = nonBlank(input.controller.dpoName);
  const channels = [
    ...(nonBlank(input.controller.dpoEmail) ? [`email ${nonBlank(input.controller.dpoEmail)}`] : []),
    ...(nonBlank(input.controller.dpoPhone) ? [`phone ${nonBlank(input.controller.dpoPhone)}`] : []),
  ];
  // Art. 33(3)(b): a contact point is a name someone can actually reach.
  const value = name && channels.length > 0 ? `${name} (${channels.join(', ')})` : null;
  return field('dpoContact', 'Data protection officer or other contact point (name plus email or phone)', value, legalBasis, true);
}

function categoriesField(scope: Scope | null, legalBasis: string, required: boolean): DraftField {
  return field('dataCategories', 'Categories of personal data', listOf(scope?.dataCategories), legalBasis, required);
}

function specialField(scope: Scope | null): DraftField {
  const value = scope
    ? scope.specialCategories.length > 0
      ? scope.specialCategories.map((c) => SPECIAL_CATEGORY_LABELS[c]).join(', ')
      : 'none identified'
    : null;
  return field('specialCategories', 'Special categories of personal data (Art. 9/10)', value, 'GDPR Art. 33(3)(a), Art. 9(1), Art. 10');
}

function consequencesField(scope: Scope | null, legalBasis: string): DraftField {
  return field('likelyConsequences', 'Likely consequences', nonBlank(scope?.likelyConsequences), legalBasis, true);
}

function measuresField(input: DraftInput, zone: string, format: (iso: string, zone: string) => string, legalBasis: string): DraftField {
  // Chronological, ties in input order (stable sort), so the same case file always reads the same.
  const actions = input.containmentActions
    .map((a) => ({ action: a.action.trim(), at: a.performedAt, ms: instant(a.performedAt, zone).toMillis() }))
    .filter((a) => a.action.length > 0)
    .sort((a, b) => a.ms - b.ms);
  const value = actions.length > 0 ? actions.map((a) => `- ${format(a.at, zone)}: ${a.action}`).join('\n') : null;
  return field('measures', 'Measures taken or proposed', value, legalBasis, true);
}

function containmentText(status: ContainmentStatus): string {
  switch (status) {
    case 'not-started':
      return 'containment not yet started';
    case 'in-progress':
      return 'containment in progress';
    case 'contained':
      return 'contained';
  }
}

function plainContainmentText(status: ContainmentStatus): string {
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
