import type { DraftInput, DraftClock, ExtraFact } from '../../src/domain/notices/draft-input';
import { EXTRA_FACTS } from '../../src/domain/notices/draft-input';
import { renderHtml } from '../../src/domain/notices/html';
import { renderMarkdown } from '../../src/domain/notices/markdown';
import { toObligationNoticeDraft } from '../../src/domain/notices/obligation-draft';
import { findNoticeTemplate, NOTICE_TEMPLATES } from '../../src/domain/notices/registry';
import { ObligationNoticeDraftSchema } from '../../src/domain/notices/schema';
import { findObligation } from '../../src/domain/regulations';

const clock = (regime: string, obligation: string, trigger: string, startsAt: string, dueAt: string, metAt: string | null = null): DraftClock => ({
  regime,
  obligation,
  trigger,
  startsAt,
  dueAt,
  status: metAt ? 'met' : 'pending',
  metAt,
});

const ALL_EXTRA_FACTS = Object.fromEntries(Object.keys(EXTRA_FACTS).map((k) => [k, `given ${k}`])) as Record<ExtraFact, string>;

/** A case file with every fact any template asks for, Social Security numbers among the data, every clock running. */
function completeCase(): DraftInput {
  return {
    incident: {
      reference: 'BR-2026-0042',
      title: 'Payroll export exposed',
      description: 'A payroll export was readable from the internet for two days.',
      detectedAt: '2026-03-02T08:00:00Z',
      awareAt: '2026-03-02T10:00:00Z',
    },
    controller: { name: 'Acme Inc.', dpoName: 'Jane Doe', dpoEmail: 'privacy@acme.example', dpoPhone: '+1 800 555 0100' },
    scope: {
      dataCategories: ['names', 'Social Security numbers', 'diagnosis codes'],
      specialCategories: ['health-data'],
      dataSubjectsApprox: 1200,
      recordsApprox: 1500,
      affectedSystems: ['payroll-sftp'],
      countries: ['US', 'BE'],
      affected: [{ area: 'US-CA', count: 700 }],
      cause: 'Misconfigured SFTP server',
      encrypted: false,
      unintelligible: false,
      likelyConsequences: 'Identity theft using the Social Security numbers',
    },
    containmentActions: [{ action: 'Took the SFTP server offline', performedAt: '2026-03-02T11:00:00Z' }],
    containmentStatus: 'contained',
    assessment: { band: 'high', finalOutcome: 'notify-authority-and-subjects', reasons: [] },
    authorityDeadline: { dueAt: '2026-03-05T10:00:00Z', status: 'pending' },
    authorityNotices: [],
    subjectsDecision: { decision: 'notify' },
    preparedAt: '2026-03-03T09:00:00Z',
    lessonsLearned: 'Scan for public SFTP exposure weekly',
    clocks: [
      clock('GDPR', 'notify-supervisory-authority', 'awareness', '2026-03-02T10:00:00Z', '2026-03-05T10:00:00Z'),
      clock('UK-GDPR', 'notify-supervisory-authority', 'awareness', '2026-03-02T10:00:00Z', '2026-03-05T10:00:00Z'),
      clock('HIPAA', 'notify-individuals', 'discovery', '2026-03-02T08:00:00Z', '2026-05-01T04:00:00Z'),
      clock('US-CA', 'notify-residents', 'discovery', '2026-03-02T08:00:00Z', '2026-04-01T07:00:00Z'),
      clock('SEC', 'file-8k', 'materiality-determination', '2026-03-03T14:00:00Z', '2026-03-09T21:30:00Z'),
      clock('NIS2', 'early-warning', 'awareness', '2026-03-02T10:00:00Z', '2026-03-03T10:00:00Z', '2026-03-02T20:00:00Z'),
      clock('NIS2', 'incident-notification', 'awareness', '2026-03-02T10:00:00Z', '2026-03-05T10:00:00Z'),
      clock('DORA', 'initial-notification', 'classification-as-major', '2026-03-02T12:00:00Z', '2026-03-02T16:00:00Z', '2026-03-02T15:00:00Z'),
      clock('DORA', 'intermediate-report', 'after:initial-notification', '2026-03-02T15:00:00Z', '2026-03-05T15:00:00Z', '2026-03-05T09:00:00Z'),
      clock('DORA', 'final-report', 'after:intermediate-report', '2026-03-05T09:00:00Z', '2026-04-05T09:00:00Z'),
      clock('LGPD', 'notify-anpd', 'awareness', '2026-03-02T10:00:00Z', '2026-03-05T21:00:00Z'),
    ],
    extraFacts: { ...ALL_EXTRA_FACTS },
  };
}

/** Only what opening an incident records: no scope, no contact, no actions, no clocks, no extra facts. */
function bareCase(): DraftInput {
  return {
    incident: { reference: 'BR-2026-0043', title: 'Suspected breach', description: null, detectedAt: '2026-03-02T08:00:00Z', awareAt: null },
    controller: { name: null, dpoName: null, dpoEmail: null, dpoPhone: null },
    scope: null,
    containmentActions: [],
    containmentStatus: 'not-started',
    assessment: null,
    authorityDeadline: null,
    authorityNotices: [],
    subjectsDecision: null,
  };
}

const draftOf = (regime: string, obligation: string, input: DraftInput) => findNoticeTemplate(regime, obligation)!.draft(input);

describe('NOTICE_TEMPLATES', () => {
  it('covers the obligations the notices are written for, each once', () => {
    const keys = NOTICE_TEMPLATES.map((t) => `${t.regime} ${t.obligation}`);
    expect(keys).toEqual([
      'GDPR notify-supervisory-authority',
      'GDPR notify-data-subjects',
      'UK-GDPR notify-supervisory-authority',
      'HIPAA notify-individuals',
      'US-CA notify-residents',
      'SEC file-8k',
      'NIS2 early-warning',
      'NIS2 incident-notification',
      'DORA initial-notification',
      'DORA intermediate-report',
      'DORA final-report',
      'LGPD notify-anpd',
    ]);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keys every template but California’s (whose regime the catalogue does not hold yet) by a catalogue obligation', () => {
    const unknown = NOTICE_TEMPLATES.filter((t) => !findObligation(t.regime, t.obligation)).map((t) => `${t.regime} ${t.obligation}`);
    expect(unknown.filter((k) => k !== 'US-CA notify-residents')).toEqual([]);
  });

  it('finds no template for an obligation without one', () => {
    expect(findNoticeTemplate('GDPR', 'document-breach')).toBeUndefined();
    expect(findNoticeTemplate('NIS2', 'no-such-obligation')).toBeUndefined();
  });
});

describe.each(NOTICE_TEMPLATES.map((t) => [`${t.regime} ${t.obligation}`, t.regime, t.obligation] as const))('the %s draft', (_name, regime, obligation) => {
  it('is complete for a complete case file: every mandatory field has a value and nothing is marked missing', () => {
    const doc = draftOf(regime, obligation, completeCase());

    expect(doc.missing).toEqual([]);
    expect(doc.complete).toBe(true);
    expect(doc.fields.filter((f) => f.required).every((f) => f.value !== null && f.value.length > 0)).toBe(true);
    expect(doc.fields.filter((f) => f.required).length).toBeGreaterThan(0);
    expect(renderMarkdown(doc)).not.toContain('missing:');
    expect(doc).toMatchObject({ regime, obligation });
  });

  it('lists the mandatory fields a bare case file lacks as missing and marks them in every format', () => {
    const doc = draftOf(regime, obligation, bareCase());

    expect(doc.complete).toBe(false);
    expect(doc.missing).toEqual(doc.fields.filter((f) => f.required && f.value === null).map((f) => f.name));
    expect(doc.missing.length).toBeGreaterThan(0);
    const label = doc.fields.find((f) => f.name === doc.missing[0])!.label;
    expect(renderMarkdown(doc)).toContain(`**\\[missing: `);
    expect(renderHtml(doc)).toContain('<mark class="missing">[missing: ');
    expect(toObligationNoticeDraft(doc).text).toContain(`[missing: ${label}]`);
  });

  it('serves a JSON shape that conforms to ObligationNoticeDraftSchema, fields saying whether they are mandatory', () => {
    const body = toObligationNoticeDraft(draftOf(regime, obligation, completeCase()));

    expect(ObligationNoticeDraftSchema.parse(body)).toEqual(body);
    expect(body.fields.every((f) => typeof f.required === 'boolean')).toBe(true);
  });

  it('renders Markdown with the title as its heading and one heading per section', () => {
    const doc = draftOf(regime, obligation, completeCase());
    const md = renderMarkdown(doc);

    expect(md.startsWith('# ')).toBe(true);
    expect(md.match(/^## /gm)).toHaveLength(doc.sections.length);
  });
});

describe('the missing facts per template', () => {
  it.each<[string, string, string[]]>([
    ['HIPAA', 'notify-individuals', ['natureOfBreach', 'breachDate', 'dataCategories', 'stepsForIndividuals', 'measures', 'contact']],
    ['US-CA', 'notify-residents', ['natureOfBreach', 'breachDate', 'noticeDate', 'lawEnforcementDelay', 'dataCategories', 'businessContact']],
    ['SEC', 'file-8k', ['registrant', 'materialityDeterminedAt', 'natureOfBreach', 'scope', 'materialImpact']],
    ['NIS2', 'early-warning', ['entity', 'maliciousActSuspected', 'crossBorderImpact']],
    ['NIS2', 'incident-notification', ['entity', 'maliciousActSuspected', 'crossBorderImpact', 'natureOfBreach', 'severityAndImpact']],
    ['DORA', 'initial-notification', ['entity', 'entityIdentifier', 'entityType', 'dpoContact', 'classifiedAt', 'natureOfBreach', 'classificationCriteria']],
    [
      'DORA',
      'intermediate-report',
      ['entity', 'entityIdentifier', 'entityType', 'dpoContact', 'breachDate', 'clientsAffected', 'incidentType', 'affectedInfrastructure', 'measures'],
    ],
    ['DORA', 'final-report', ['entity', 'entityIdentifier', 'entityType', 'dpoContact', 'rootCauseType', 'rootCause', 'resolvedAt', 'costsAndLosses']],
    [
      'LGPD',
      'notify-anpd',
      ['controller', 'dpoContact', 'natureOfBreach', 'breachDate', 'dataCategories', 'dataSubjectsApprox', 'vulnerableSubjects', 'totalSubjectsProcessed', 'encryption', 'likelyConsequences', 'measures'],
    ],
    ['UK-GDPR', 'notify-supervisory-authority', ['dpoContact', 'natureOfBreach', 'dataCategories', 'dataSubjectsApprox', 'recordsApprox', 'likelyConsequences', 'measures']],
  ])('%s %s: a bare case file misses exactly the mandatory facts it does not hold', (regime, obligation, expected) => {
    expect(draftOf(regime, obligation, bareCase()).missing).toEqual(expected);
  });

  it('lists one fact the case file lacks while the others are given', () => {
    const input = completeCase();
    delete input.extraFacts!.materialImpact;

    const doc = draftOf('SEC', 'file-8k', input);

    expect(doc.missing).toEqual(['materialImpact']);
  });

  it('asks LGPD for the reasons of a late communication only once its clock has run out', () => {
    const input = completeCase();
    input.clocks = input.clocks!.map((c) => (c.regime === 'LGPD' ? { ...c, status: 'overdue' } : c));

    expect(draftOf('LGPD', 'notify-anpd', input).missing).toEqual(['delayReasons']);
    expect(draftOf('LGPD', 'notify-anpd', { ...input, delayReasons: 'Forensic confirmation took four days' }).missing).toEqual([]);
  });
});

describe('the UK GDPR draft', () => {
  it('is addressed to the ICO, cites the UK GDPR and reads the UK clock', () => {
    const input = completeCase();
    input.clocks = input.clocks!.map((c) => (c.regime === 'UK-GDPR' ? { ...c, dueAt: '2026-03-05T11:00:00Z' } : c));

    const doc = draftOf('UK-GDPR', 'notify-supervisory-authority', input);
    const { text } = toObligationNoticeDraft(doc);

    expect(doc.title).toContain('Information Commissioner’s Office (ICO) (UK GDPR Art. 33)');
    expect(doc.fields.find((f) => f.name === 'natureOfBreach')!.legalBasis).toBe('UK GDPR Art. 33(3)(a)');
    expect(text).toContain('Notification deadline (72 hours): 2026-03-05 11:00 UTC+00:00 (pending)');
  });
});

describe('the HIPAA draft', () => {
  it('covers 164.404(c)(1)(A) to (E) in plain language', () => {
    const doc = draftOf('HIPAA', 'notify-individuals', completeCase());

    const bases = doc.fields.map((f) => f.legalBasis);
    for (const element of ['(A)', '(B)', '(C)', '(D)', '(E)']) expect(bases).toContain(`45 CFR 164.404(c)(1)${element}`);
    expect(doc.sections.map((s) => s.heading)).toEqual(['What happened', 'What information was involved', 'What you can do', 'What we are doing', 'For more information']);
    expect(doc.fields.find((f) => f.name === 'discoveredAt')!.value).toBe('March 2, 2026');
    expect(doc.paper).toBe('Letter');
  });
});

describe('the California draft', () => {
  it('is titled "Notice of Data Breach" with the five headings of 1798.82(d)(1) in order', () => {
    const doc = draftOf('US-CA', 'notify-residents', completeCase());

    expect(doc.title).toBe('Notice of Data Breach');
    expect(doc.sections.map((s) => s.heading)).toEqual(['What Happened', 'What Information Was Involved', 'What We Are Doing', 'What You Can Do', 'For More Information']);
    const md = renderMarkdown(doc);
    const positions = ['# Notice of Data Breach', '## What Happened', '## What Information Was Involved', '## What We Are Doing', '## What You Can Do', '## For More Information'].map((h) => md.indexOf(h));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('prints no text smaller than 10-point type, and its CSS says so', () => {
    const html = renderHtml(draftOf('US-CA', 'notify-residents', completeCase()));
    const css = html.slice(html.indexOf('<style>'), html.indexOf('</style>'));

    expect(css).toContain('no text smaller than 10-point type');
    const sizes = [...css.matchAll(/font-size:\s*([\d.]+)(\w+)/g)].map(([, n, unit]) => [Number(n), unit]);
    expect(sizes.length).toBeGreaterThan(0);
    expect(sizes.every(([n, unit]) => unit === 'pt' && (n as number) >= 10)).toBe(true);
    expect(css).toContain('size: letter');
  });

  it('gives the credit reporting agencies and asks for the identity theft offer when Social Security numbers were exposed', () => {
    const doc = draftOf('US-CA', 'notify-residents', completeCase());
    const agencies = doc.fields.find((f) => f.name === 'creditReportingAgencies')!;

    expect(agencies.required).toBe(true);
    expect(agencies.items!.map((a) => a.split(':')[0])).toEqual(['Equifax', 'Experian', 'TransUnion']);
    expect(doc.fields.map((f) => f.name)).toContain('identityTheftServices');
    expect(doc.notes.join(' ')).toContain('About 700 California residents are affected');
  });

  it('neither requires the agencies nor the identity theft offer when no government identifier was exposed', () => {
    const input = completeCase();
    input.scope = { ...input.scope!, dataCategories: ['email addresses'] };

    const doc = draftOf('US-CA', 'notify-residents', input);

    expect(doc.fields.find((f) => f.name === 'creditReportingAgencies')).toMatchObject({ required: false, value: null });
    expect(doc.fields.map((f) => f.name)).not.toContain('identityTheftServices');
  });

  it('says whether notice was delayed by law enforcement and gives the breach date', () => {
    const doc = draftOf('US-CA', 'notify-residents', { ...completeCase(), extraFacts: { ...ALL_EXTRA_FACTS, lawEnforcementDelay: 'No', breachDate: 'February 27–28, 2026' } });
    const md = renderMarkdown(doc);

    expect(md).toContain('Whether this notice was delayed by a law-enforcement investigation:** No');
    expect(md).toContain('February 27–28, 2026');
  });
});

describe('the SEC Form 8-K draft', () => {
  it('covers Item 1.05(a) and notes Instruction 2’s amendment', () => {
    const doc = draftOf('SEC', 'file-8k', completeCase());

    expect(doc.sections.map((s) => s.heading)).toEqual([
      'Registrant and filing',
      'Item 1.05(a): material aspects of the nature, scope and timing of the incident',
      'Item 1.05(a): material impact or reasonably likely material impact',
    ]);
    expect(doc.notes[0]).toMatch(/^Instruction 2 to Item 1\.05: .*Form 8-K\/A/);
    expect(doc.fields.find((f) => f.name === 'materialityDeterminedAt')!.value).toBe('2026-03-03 14:00 UTC+00:00');
  });
});

describe('the NIS2 and DORA drafts', () => {
  it('cite the sent early warning and initial notification in the later reports', () => {
    expect(draftOf('NIS2', 'incident-notification', completeCase()).fields.find((f) => f.name === 'earlyWarningSentAt')!.value).toBe('2026-03-02 20:00 UTC+00:00');
    expect(draftOf('DORA', 'intermediate-report', completeCase()).fields.find((f) => f.name === 'initialNotificationSentAt')!.value).toBe('2026-03-02 15:00 UTC+00:00');
  });

  it('keeps to member states for DORA’s affected countries', () => {
    expect(draftOf('DORA', 'initial-notification', completeCase()).fields.find((f) => f.name === 'memberStates')!.value).toBe('BE');
  });
});
