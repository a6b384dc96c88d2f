import { draftCheck, type Block, type NoticeDocument, type Paper } from './document';
import { show, type DraftField } from './fields';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe inside HTML elements and quoted attributes: & < > " ' as character references. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

function lines(text: string): string {
  return escapeHtml(text).split('\n').join('<br>\n');
}

function listHtml(items: string[]): string {
  return `<ul>\n${items.map((i) => `<li>${lines(i)}</li>`).join('\n')}\n</ul>`;
}

function shown(f: DraftField): string {
  if (f.value === null && f.required) return `<mark class="missing">${escapeHtml(show(f))}</mark>`;
  return f.items ? listHtml(f.items) : lines(show(f));
}

function block(b: Block): string {
  switch (b.kind) {
    case 'text':
      return `<p>${lines(b.text)}</p>`;
    case 'list':
      return listHtml(b.items);
    case 'field': {
      const label = `<span class="label">${escapeHtml(b.field.label)}:</span>`;
      if (b.layout === 'value') return b.field.items && b.field.value !== null ? shown(b.field) : `<p>${shown(b.field)}</p>`;
      if (b.layout === 'stacked' || b.field.items) {
        const body = b.field.items && b.field.value !== null ? shown(b.field) : `<p>${shown(b.field)}</p>`;
        return `<div class="field"><p>${label}</p>\n${body}</div>`;
      }
      return `<p class="field">${label} ${shown(b.field)}</p>`;
    }
  }
}

const PAGE: Record<Paper, string> = { A4: 'size: A4; margin: 20mm 18mm;', Letter: 'size: letter; margin: 0.8in 0.75in;' };

// Every size is in points, never below the law's minimum, so the printed notice keeps to it.
function css(doc: NoticeDocument): string {
  const min = doc.minFontPt ?? 9;
  const pt = (size: number) => `${Math.max(size, min)}pt`;
  return [
    ...(doc.minFontPt === undefined ? [] : [`/* ${doc.basis}: no text smaller than ${doc.minFontPt}-point type. */`]),
    `@page { ${PAGE[doc.paper]} }`,
    `html { font-size: ${pt(11)}; }`,
    `body { font-family: "Source Serif Pro", Georgia, "Times New Roman", serif; font-size: ${pt(11)}; line-height: 1.45; color: #111; background: #fff; max-width: 46em; margin: 2em auto; padding: 0 1.5em; }`,
    `h1 { font-family: "Helvetica Neue", Arial, sans-serif; font-size: ${pt(17)}; line-height: 1.2; margin: 0 0 0.8em; }`,
    `h2 { font-family: "Helvetica Neue", Arial, sans-serif; font-size: ${pt(13)}; margin: 1.4em 0 0.4em; border-bottom: 1px solid #bbb; padding-bottom: 0.15em; }`,
    `p, li { font-size: ${pt(11)}; margin: 0.35em 0; }`,
    '.label { font-weight: bold; }',
    `mark.missing { background: #ffe58a; color: #000; font-weight: bold; font-size: ${pt(11)}; }`,
    `aside { font-size: ${pt(10)}; border: 1px dashed #888; padding: 0.5em 0.8em; margin-top: 1.5em; }`,
    '@media print {',
    '  body { margin: 0; padding: 0; max-width: none; }',
    '  h1, h2 { break-after: avoid; page-break-after: avoid; }',
    '  li, .field { break-inside: avoid; page-break-inside: avoid; }',
    '  mark.missing { -webkit-print-color-adjust: exact; print-color-adjust: exact; }',
    '}',
  ].join('\n');
}

/** The notice as one self-contained HTML document with print CSS; every piece of text from the case file is escaped. */
export function renderHtml(doc: NoticeDocument): string {
  const body = [
    `<h1>${escapeHtml(doc.title)}</h1>`,
    ...doc.preamble.map((p) => `<p>${lines(p)}</p>`),
    ...doc.sections.map((s) => `<section>\n<h2>${escapeHtml(s.heading)}</h2>\n${s.blocks.map(block).join('\n')}\n</section>`),
    ...doc.notes.map((n) => `<aside class="note"><strong>Note for the reviewer:</strong> ${lines(n)}</aside>`),
    `<aside class="draft-check"><strong>Draft check, remove before sending:</strong> ${escapeHtml(draftCheck(doc))}</aside>`,
  ];
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>\n${css(doc)}\n</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
