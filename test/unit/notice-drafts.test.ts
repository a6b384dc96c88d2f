import { z } from 'zod';
import type { Scope } from '../../src/domain/lifecycle';
import {
  NoticeDraftSchema,
  renderAuthorityNotice,
  renderDataSubjectNotice,
  type DraftInput,
  type NoticeDraft,
} from '../../src/domain/notice-drafts';

const SCOPE: Scope = {
  dataCategories: ['contact details', 'order history'],
  specialCategories: [],
  dataSubjectsApprox: 1200,
  recordsApprox: 54_000,
  affectedSystems: ['CRM'],
  countries: ['BE', 'FR'],
  affected: [],
  cause: 'Storage bucket left publicly readable',
  encrypted: false,
  unintelligible: false,
  likelyConsequences: 'Targeted phishing emails using customers’ names and orders',
};

/** A case file with every mandatory field filled in, the 72 h clock still running, and no notice sent yet. */
function completeCase(): DraftInput {
  return {
    incident: {
      reference: 'BR-2026-0007',
      title: 'CRM export exposed',
      description: 'A CRM export was stored in a publicly readable bucket for two days.',
      detectedAt: '2026-03-28T08:00:00Z',
      awareAt: '2026-03-28T09:30:00Z',
    },
    controller: { name: 'Acme SA', dpoName: 'Jane Doe', dpoEmail: 'dpo@acme.example', dpoPhone: '+32 2 123 45 67' },
    scope: { ...SCOPE, dataCategories: [...SCOPE.dataCategories] },
    containmentActions: [
      { action: 'Rotated the CRM export credentials', performedAt: '2026-03-28T12:00:00Z' },
      { action: 'Made the bucket private', performedAt: '2026-03-28T10:00:00Z' },
    ],
    containmentStatus: 'contained',
    assessment: { band: 'high', finalOutcome: 'notify-authority-and-subjects', reasons: [] },
    authorityDeadline: { dueAt: '2026-03-31T09:30:00Z', status: 'pending' },
    authorityNotices: [],
    subjectsDecision: { decision: 'notify' },
    preparedAt: '2026-03-29T08:00:00Z',
  };
}

function withScope(change: Partial<Scope>): DraftInput {
  const input = completeCase();
  return { ...input, scope: { ...SCOPE, ...change } };
}

function fieldValue(draft: NoticeDraft, name: string): string | null | undefined {
  return draft.fields.find((f) => f.name === name)?.value;
}

const NO_NULLISH_WORDS = /\bundefined\b|\bnull\b/;

describe('renderAuthorityNotice', () => {
  it('renders a complete case with no missing fields and all Art. 33(3) content in the text', () => {
    const draft = renderAuthorityNotice(completeCase());

    expect(draft.kind).toBe('supervisory-authority');
    expect(draft.complete).toBe(true);
    expect(draft.missing).toEqual([]);
    expect(draft.text).not.toContain('[missing:');
    for (const expected of [
      'BR-2026-0007',
      'about 1,200 people',
      'about 54,000 records',
      'contact details, order history',
      'Jane Doe (email dpo@acme.example, phone +32 2 123 45 67)',
      'Targeted phishing emails',
      'Made the bucket private',
      'Rotated the CRM export credentials',
      'Containment status: contained',
      'A CRM export was stored in a publicly readable bucket',
    ]) {
      expect(draft.text).toContain(expected);
    }
    expect(draft.text).not.toMatch(NO_NULLISH_WORDS);
  });

  it('conforms to NoticeDraftSchema, registered under the id NoticeDraft', () => {
    const draft = renderAuthorityNotice(completeCase());

    expect(NoticeDraftSchema.parse(draft)).toEqual(draft);
    expect(z.globalRegistry.get(NoticeDraftSchema)?.id).toBe('NoticeDraft');
  });

  it('heads each Art. 33(3) section', () => {
    const { text } = renderAuthorityNotice(completeCase());

    expect(text).toContain('Controller and contact point (Art. 33(3)(b))');
    expect(text).toContain('Nature of the breach (Art. 33(3)(a))');
    expect(text).toContain('Likely consequences (Art. 33(3)(c))');
    expect(text).toContain('Measures taken or proposed, including to mitigate possible adverse effects (Art. 33(3)(d))');
  });

  it('lists containment actions in chronological order whatever the input order', () => {
    const { text } = renderAuthorityNotice(completeCase());

    expect(text.indexOf('Made the bucket private')).toBeLessThan(text.indexOf('Rotated the CRM export credentials'));
  });

  it.each<[string, string, (input: DraftInput) => DraftInput]>([
    ['natureOfBreach', 'Nature of the breach', (i) => ({ ...i, incident: { ...i.incident, description: null } })],
    ['natureOfBreach', 'Nature of the breach', (i) => ({ ...i, incident: { ...i.incident, description: '   ' } })],
    ['dataCategories', 'Categories of personal data', () => withScope({ dataCategories: [] })],
    // A scope row read before the count was recorded: the type says number, the data may not.
    ['dataSubjectsApprox', 'Approximate number of data subjects', () => withScope({ dataSubjectsApprox: undefined })],
    ['recordsApprox', 'Approximate number of personal data records', () => withScope({ recordsApprox: undefined })],
    ['dpoContact', 'Data protection officer or other contact point', (i) => ({ ...i, controller: { ...i.controller, dpoName: null } })],
    [
      'dpoContact',
      'Data protection officer or other contact point',
      (i) => ({ ...i, controller: { ...i.controller, dpoEmail: null, dpoPhone: null } }),
    ],
    ['likelyConsequences', 'Likely consequences', () => withScope({ likelyConsequences: undefined })],
    ['likelyConsequences', 'Likely consequences', () => withScope({ likelyConsequences: '' })],
    ['measures', 'Measures taken or proposed', (i) => ({ ...i, containmentActions: [] })],
    ['measures', 'Measures taken or proposed', (i) => ({ ...i, containmentActions: [{ action: ' ', performedAt: '2026-03-28T10:00:00Z' }] })],
  ])('lists %s as missing and marks "[missing: %s…]" in the text when it is absent', (name, label, remove) => {
    const draft = renderAuthorityNotice(remove(completeCase()));

    expect(draft.missing).toEqual([name]);
    expect(draft.complete).toBe(false);
    expect(draft.text).toContain(`[missing: ${label}`);
    expect(draft.text).not.toMatch(NO_NULLISH_WORDS);
  });

  it('lists every Art. 33(3) field as missing, and prints no "undefined" or "null", when nothing is known yet', () => {
    const input: DraftInput = {
      ...completeCase(),
      incident: { reference: 'BR-2026-0008', title: 'Suspected leak', description: null, detectedAt: '2026-03-28T08:00:00Z', awareAt: null },
      controller: { name: null, dpoName: null, dpoEmail: null, dpoPhone: null },
      scope: null,
      containmentActions: [],
      containmentStatus: 'not-started',
      assessment: null,
      authorityDeadline: null,
      subjectsDecision: null,
    };

    const draft = renderAuthorityNotice(input);

    expect(draft.missing).toEqual(['dpoContact', 'natureOfBreach', 'dataCategories', 'dataSubjectsApprox', 'recordsApprox', 'likelyConsequences', 'measures']);
    expect(draft.text).not.toMatch(NO_NULLISH_WORDS);
    expect(draft.text).toContain('the 72-hour clock runs from detection');
  });

  it('accepts a DPO reachable by phone only', () => {
    const input = completeCase();
    const draft = renderAuthorityNotice({ ...input, controller: { ...input.controller, dpoEmail: null } });

    expect(draft.missing).toEqual([]);
    expect(fieldValue(draft, 'dpoContact')).toBe('Jane Doe (phone +32 2 123 45 67)');
  });

  it.each([
    [1, '1 person'],
    [1200, 'about 1,200 people'],
    [1_234_567, 'about 1,234,567 people'],
    [0, 'no people identified so far'],
  ])('formats %i data subjects as "%s"', (count, shown) => {
    const draft = renderAuthorityNotice(withScope({ dataSubjectsApprox: count }));

    expect(fieldValue(draft, 'dataSubjectsApprox')).toBe(shown);
    expect(draft.text).toContain(`Approximate number of data subjects: ${shown}`);
  });

  it('calls out special categories of personal data (Art. 9/10)', () => {
    const draft = renderAuthorityNotice(withScope({ specialCategories: ['health-data', 'criminal-convictions-and-offences'] }));

    expect(draft.text).toContain('SPECIAL CATEGORIES OF PERSONAL DATA ARE INVOLVED (GDPR Art. 9/10)');
    expect(fieldValue(draft, 'specialCategories')).toBe('health data, criminal convictions and offences (Art. 10)');
  });

  it('says no special categories were identified, without the call-out, when there are none', () => {
    const draft = renderAuthorityNotice(completeCase());

    expect(draft.text).not.toContain('SPECIAL CATEGORIES');
    expect(fieldValue(draft, 'specialCategories')).toBe('none identified');
  });

  it('is an initial notice while none has been submitted', () => {
    const draft = renderAuthorityNotice(completeCase());

    expect(fieldValue(draft, 'phase')).toBe('initial');
    expect(draft.title).toContain('initial notice');
    expect(draft.fields.map((f) => f.name)).not.toContain('firstNoticeReference');
  });

  it('is a follow-up (Art. 33(4)) referencing the first notice once one was submitted', () => {
    const input: DraftInput = {
      ...completeCase(),
      authorityDeadline: { dueAt: '2026-03-31T09:30:00Z', status: 'met' },
      authorityNotices: [
        { phase: 'follow-up', submittedAt: '2026-03-30T10:00:00Z', authority: 'APD-GBA', reference: 'APD-LATER' },
        { phase: 'initial', submittedAt: '2026-03-29T10:00:00Z', authority: 'APD-GBA', reference: 'APD-2026-0042' },
      ],
    };

    const draft = renderAuthorityNotice(input);

    expect(fieldValue(draft, 'phase')).toBe('follow-up (Art. 33(4))');
    expect(fieldValue(draft, 'firstNoticeReference')).toBe('APD-2026-0042');
    expect(draft.title).toContain('follow-up notice');
    expect(draft.text).toContain('follows up the first notice submitted to APD-GBA on 2026-03-29 10:00 UTC+00:00, authority reference APD-2026-0042');
    expect(draft.complete).toBe(true);
  });

  it('shows a follow-up whose first notice has no authority reference yet as pending, not missing', () => {
    const input: DraftInput = {
      ...completeCase(),
      authorityNotices: [{ phase: 'initial', submittedAt: '2026-03-29T10:00:00Z', authority: 'CNIL', reference: null }],
    };

    const draft = renderAuthorityNotice(input);

    expect(draft.text).toContain('authority reference not yet received from the authority');
    expect(draft.missing).toEqual([]);
  });

  it('adds a required "Reasons for the delay (Art. 33(1))" section when the deadline is overdue', () => {
    const input: DraftInput = { ...completeCase(), authorityDeadline: { dueAt: '2026-03-31T09:30:00Z', status: 'overdue' } };

    const draft = renderAuthorityNotice(input);

    expect(draft.text).toContain('Reasons for the delay (Art. 33(1)) [REQUIRED]');
    expect(draft.text).toContain('[missing: Reasons for the delay]');
    expect(draft.missing).toEqual(['delayReasons']);
    expect(draft.complete).toBe(false);
  });

  it('is complete once the reasons for a late notice are given, and prints them', () => {
    const input: DraftInput = {
      ...completeCase(),
      authorityDeadline: { dueAt: '2026-03-31T09:30:00Z', status: 'overdue' },
      delayReasons: 'The processor told us only on day four.',
    };

    const draft = renderAuthorityNotice(input);

    expect(draft.complete).toBe(true);
    expect(draft.text).toContain('The processor told us only on day four.');
  });

  it.each<[string, 'pending' | 'met' | 'waived', string, boolean]>([
    ['a pending clock prepared after dueAt', 'pending', '2026-03-31T09:30:01Z', true],
    ['a pending clock prepared exactly at dueAt', 'pending', '2026-03-31T09:30:00Z', true],
    ['a pending clock prepared before dueAt', 'pending', '2026-03-31T09:29:59Z', false],
    ['a met clock prepared after dueAt', 'met', '2026-04-02T00:00:00Z', false],
    ['a waived clock prepared after dueAt', 'waived', '2026-04-02T00:00:00Z', false],
  ])('asks for delay reasons for %s: %s', (_case, status, preparedAt, late) => {
    const input: DraftInput = { ...completeCase(), authorityDeadline: { dueAt: '2026-03-31T09:30:00Z', status }, preparedAt };

    const draft = renderAuthorityNotice(input);

    expect(draft.text.includes('Reasons for the delay (Art. 33(1))')).toBe(late);
    expect(draft.missing.includes('delayReasons')).toBe(late);
  });

  it('notes that no notice is required when the signed-off outcome is register-only', () => {
    const draft = renderAuthorityNotice({ ...completeCase(), assessment: { band: 'low', finalOutcome: 'register-only', reasons: [] } });

    expect(draft.text).toContain('no notice is required (Art. 33(1))');
  });

  it('gives the signed-off assessment\'s reasons, factor by factor, under the likely consequences; none for one made before the EDPB factors', () => {
    const reasons = ['Health data (Art. 9) was exposed: a high risk to the people affected.', 'About 40,000 people are affected: a large number.'];
    const withReasons = renderAuthorityNotice({ ...completeCase(), assessment: { band: 'high', finalOutcome: 'notify-authority-and-subjects', reasons } });
    const consequences = withReasons.text.slice(withReasons.text.indexOf('4. Likely consequences'), withReasons.text.indexOf('5. Measures'));
    expect(consequences).toContain('Why the assessment suggests this outcome');
    for (const reason of reasons) expect(consequences).toContain(reason);

    const before = renderAuthorityNotice({ ...completeCase(), assessment: { band: 'high', finalOutcome: 'notify-authority-and-subjects', reasons: [] } });
    expect(before.text).not.toContain('Why the assessment suggests this outcome');
    expect(before.complete).toBe(true);
  });
});

describe('renderDataSubjectNotice', () => {
  it('renders a complete case in plain language addressed to the person', () => {
    const draft = renderDataSubjectNotice({ ...completeCase(), scope: { ...SCOPE, specialCategories: ['health-data'] } });

    expect(draft.kind).toBe('data-subjects');
    expect(draft.complete).toBe(true);
    expect(draft.missing).toEqual([]);
    expect(draft.title).toBe('Important information about your personal information');
    for (const phrase of [
      'What happened',
      'What information was involved',
      'What this could mean for you',
      'What we are doing',
      'What you can do',
      'Who to contact',
      'Acme SA found out about a security incident that affected personal information about you.',
      'The information involved: contact details, order history.',
      'This includes sensitive information: health data.',
      'About 1,200 people are affected.',
      'We have stopped the incident.',
      'We will never ask you for your password.',
      'please contact Jane Doe (email dpo@acme.example, phone +32 2 123 45 67)',
      'Please quote our reference BR-2026-0007.',
      'Targeted phishing emails',
      'Made the bucket private',
    ]) {
      expect(draft.text).toContain(phrase);
    }
    const letter = draft.text.slice(0, draft.text.indexOf('[Draft check'));
    expect(letter).not.toMatch(/data subject|Art\.|\[missing:/);
    expect(draft.text).toContain('[Draft check, remove before sending] All mandatory information (Art. 34(2)) is present.');
    expect(draft.text).not.toMatch(NO_NULLISH_WORDS);
    expect(NoticeDraftSchema.parse(draft)).toEqual(draft);
  });

  it.each<[string, string, (input: DraftInput) => DraftInput]>([
    ['natureOfBreach', 'What happened', (i) => ({ ...i, incident: { ...i.incident, description: null } })],
    ['dpoContact', 'Data protection officer or other contact point', (i) => ({ ...i, controller: { ...i.controller, dpoName: null } })],
    ['likelyConsequences', 'Likely consequences', () => withScope({ likelyConsequences: undefined })],
    ['measures', 'Measures taken or proposed', (i) => ({ ...i, containmentActions: [] })],
  ])('lists %s as missing and marks "[missing: %s…]" in the text when it is absent', (name, label, remove) => {
    const draft = renderDataSubjectNotice(remove(completeCase()));

    expect(draft.missing).toEqual([name]);
    expect(draft.complete).toBe(false);
    expect(draft.text).toContain(`[missing: ${label}`);
    expect(draft.text).not.toMatch(NO_NULLISH_WORDS);
  });

  it('stays complete without the Art. 33(3)(a) counts, which Art. 34(2) does not require', () => {
    const draft = renderDataSubjectNotice(withScope({ dataCategories: [], dataSubjectsApprox: 0 }));

    expect(draft.complete).toBe(true);
    expect(draft.text).toContain('We are still working out exactly which information was involved');
    expect(draft.text).not.toContain('are affected');
  });

  it.each<['unintelligible-data' | 'subsequent-measures', string]>([
    ['unintelligible-data', 'GDPR Art. 34(3)(a) exemption recorded'],
    ['subsequent-measures', 'GDPR Art. 34(3)(b) exemption recorded'],
  ])('says a recorded %s exemption at the top and still renders the notice', (exemption, note) => {
    const input: DraftInput = { ...completeCase(), subjectsDecision: { decision: 'exempt', exemption, reason: 'Reason on file.' } };

    const draft = renderDataSubjectNotice(input);

    expect(draft.text.indexOf(note)).toBeGreaterThan(-1);
    expect(draft.text.indexOf(note)).toBeLessThan(draft.text.indexOf('What happened'));
    expect(draft.text).toContain('Recorded reason: Reason on file.');
    expect(draft.title).toBe('Important information about your personal information');
    expect(draft.complete).toBe(true);
  });

  it('titles a disproportionate-effort exemption (Art. 34(3)(c)) as a public communication', () => {
    const input: DraftInput = {
      ...completeCase(),
      subjectsDecision: { decision: 'exempt', exemption: 'disproportionate-effort', reason: 'No postal or email addresses are kept.' },
    };

    const draft = renderDataSubjectNotice(input);

    expect(draft.title).toBe('Public communication about a personal data breach at Acme SA');
    expect(draft.text.startsWith('PUBLIC COMMUNICATION ABOUT A PERSONAL DATA BREACH AT ACME SA')).toBe(true);
    expect(draft.text).toContain('GDPR Art. 34(3)(c) exemption recorded');
    expect(draft.text).toContain('To everyone who may be affected,');
    expect(fieldValue(draft, 'exemption')).toBe('exempt under Art. 34(3)(c), public communication instead: No postal or email addresses are kept.');
  });
});

describe('notice drafts: determinism and time zones', () => {
  it.each([
    ['renderAuthorityNotice', renderAuthorityNotice],
    ['renderDataSubjectNotice', renderDataSubjectNotice],
  ])('%s returns identical output for the same input', (_name, render) => {
    const first = render(completeCase());
    const second = render(structuredClone(completeCase()));

    expect(second).toEqual(first);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it('shows UTC times with a +00:00 offset by default', () => {
    const { text } = renderAuthorityNotice(completeCase());

    expect(text).toContain('Detected at: 2026-03-28 08:00 UTC+00:00');
    expect(text).toContain('Times are shown in UTC');
  });

  it('shows Europe/Brussels times at +01:00 before and +02:00 after the 2026-03-29 change to summer time', () => {
    const input: DraftInput = { ...completeCase(), timeZone: 'Europe/Brussels' };

    const authority = renderAuthorityNotice(input);
    const subjects = renderDataSubjectNotice(input);

    expect(authority.text).toContain('Detected at: 2026-03-28 09:00 UTC+01:00');
    expect(authority.text).toContain('Controller became aware at: 2026-03-28 10:30 UTC+01:00');
    expect(authority.text).toContain('Notification deadline (72 hours): 2026-03-31 11:30 UTC+02:00 (pending)');
    expect(authority.text).toContain('Times are shown in Europe/Brussels');
    expect(subjects.text).toContain('On 28 March 2026 at 10:30 (UTC+01:00)');
    expect(subjects.text).toContain('- 28 March 2026 at 11:00 (UTC+01:00): Made the bucket private');
  });

  it('refuses an unknown time zone', () => {
    expect(() => renderAuthorityNotice({ ...completeCase(), timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });

  it('refuses an instant it cannot read', () => {
    const input = completeCase();
    expect(() => renderAuthorityNotice({ ...input, incident: { ...input.incident, detectedAt: 'yesterday' } })).toThrow(RangeError);
  });
});
