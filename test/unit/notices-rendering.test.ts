import type { DraftInput } from '../../src/domain/notices/draft-input';
import { draftAuthorityNotice, draftDataSubjectNotice } from '../../src/domain/notices/gdpr';
import { escapeHtml, renderHtml } from '../../src/domain/notices/html';
import { escapeMarkdown, renderMarkdown } from '../../src/domain/notices/markdown';
import { renderPlainText } from '../../src/domain/notices/plain-text';

function caseWith(change: Partial<DraftInput['incident']> = {}): DraftInput {
  return {
    incident: {
      reference: 'BR-2026-0007',
      title: 'CRM export exposed',
      description: 'A CRM export was stored in a publicly readable bucket.',
      detectedAt: '2026-03-28T08:00:00Z',
      awareAt: '2026-03-28T09:30:00Z',
      ...change,
    },
    controller: { name: 'Acme SA', dpoName: 'Jane Doe', dpoEmail: 'dpo@acme.example', dpoPhone: null },
    scope: {
      dataCategories: ['contact details'],
      specialCategories: [],
      dataSubjectsApprox: 1200,
      recordsApprox: 5400,
      affectedSystems: ['CRM'],
      countries: ['BE'],
      affected: [],
      encrypted: false,
      unintelligible: false,
      likelyConsequences: 'Phishing',
    },
    containmentActions: [
      { action: 'Made the bucket private', performedAt: '2026-03-28T10:00:00Z' },
      { action: 'Rotated the keys', performedAt: '2026-03-28T12:00:00Z' },
    ],
    containmentStatus: 'contained',
    assessment: { band: 'high', finalOutcome: 'notify-authority-and-subjects', reasons: [] },
    authorityDeadline: { dueAt: '2026-03-31T09:30:00Z', status: 'pending' },
    authorityNotices: [],
    subjectsDecision: { decision: 'notify' },
    preparedAt: '2026-03-29T08:00:00Z',
  };
}

describe('renderHtml', () => {
  it('is one complete HTML document with print CSS: A4 page margins, @media print, readable fonts', () => {
    const html = renderHtml(draftAuthorityNotice(caseWith()));

    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).toMatch(/@page \{ size: A4; margin: 20mm 18mm; \}/);
    expect(html).toContain('@media print {');
    expect(html).toMatch(/body \{ font-family: [^;]*serif; font-size: 11pt;/);
  });

  it('escapes a <script> in the incident title, and every other case-file text, in the body and in <title>', () => {
    const input = caseWith({ title: '<script>alert("x")</script>', description: 'Tom & Jerry\'s <b>bucket</b>' });

    const html = renderHtml(draftAuthorityNotice(input));

    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>bucket</b>');
    expect(html).toContain('Title: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('Tom &amp; Jerry&#39;s &lt;b&gt;bucket&lt;/b&gt;');
  });

  it('escapes a <script> in the document title itself', () => {
    const input = caseWith({ reference: '<script>x</script>' });

    const html = renderHtml(draftAuthorityNotice(input));

    expect(html).toMatch(/<title>Personal data breach notification [^<]*&lt;script&gt;x&lt;\/script&gt;<\/title>/);
    expect(html).not.toContain('<script>');
  });

  it('shows sections as headings, fields with their labels and lists as lists', () => {
    const html = renderHtml(draftAuthorityNotice(caseWith()));

    expect(html).toContain('<h2>3. Nature of the breach (Art. 33(3)(a))</h2>');
    expect(html).toContain('<p class="field"><span class="label">Controller:</span> Acme SA</p>');
    expect(html).toContain('<li>2026-03-28 10:00 UTC+00:00: Made the bucket private</li>');
  });
});

describe('escapeHtml', () => {
  it('turns & < > " and \' into character references and leaves other text alone', () => {
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a> ü`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt; ü');
  });
});

describe('renderMarkdown', () => {
  it('has the title, the section headings and the fields as a bulleted list', () => {
    const md = renderMarkdown(draftAuthorityNotice(caseWith()));

    expect(md.startsWith('# Personal data breach notification to the supervisory authority (GDPR Art. 33), initial notice, BR-2026-0007\n')).toBe(true);
    for (const heading of [
      '## 1. Controller and contact point (Art. 33(3)(b))',
      '## 2. Timeline (Art. 33(1))',
      '## 3. Nature of the breach (Art. 33(3)(a))',
      '## 4. Likely consequences (Art. 33(3)(c))',
    ]) {
      expect(md).toContain(`\n${heading}\n`);
    }
    expect(md).toContain('- **Controller:** Acme SA\n- **Data protection officer or other contact point (name plus email or phone):** Jane Doe (email dpo@acme.example)');
    expect(md).toContain('**Measures taken or proposed:**\n\n- 2026-03-28 10:00 UTC+00:00: Made the bucket private\n- 2026-03-28 12:00 UTC+00:00: Rotated the keys');
    expect(md).toContain('*Draft check, remove before sending:* All mandatory information (Art. 33(3)) is present.');
  });

  it('renders the data-subject notice’s advice as a list under its heading', () => {
    const md = renderMarkdown(draftDataSubjectNotice(caseWith()));

    expect(md).toMatch(/## What you can do\n\n- Be careful with unexpected emails/);
  });

  it('escapes Markdown syntax and HTML in case-file text', () => {
    const md = renderMarkdown(draftAuthorityNotice(caseWith({ description: '<script>x</script> *bold* [link](http://x)' })));

    expect(md).toContain('\\<script\\>x\\</script\\> \\*bold\\* \\[link\\](http://x)');
    expect(escapeMarkdown('a_b`c')).toBe('a\\_b\\`c');
  });

  it('marks a missing mandatory field in bold', () => {
    const md = renderMarkdown(draftAuthorityNotice(caseWith({ description: null })));

    expect(md).toContain('- **Nature of the breach:** **\\[missing: Nature of the breach\\]**');
  });
});

describe('renderPlainText', () => {
  it('ends with the reviewer’s draft check', () => {
    expect(renderPlainText(draftAuthorityNotice(caseWith()))).toMatch(/\[Draft check, remove before sending\] All mandatory information \(Art\. 33\(3\)\) is present\.\n$/);
  });
});
