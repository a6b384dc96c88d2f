import { draftCheck, type Block, type NoticeDocument } from './document';
import { show, type DraftField } from './fields';

// Backslash-escaped so user text can neither format the notice nor carry raw HTML into a Markdown renderer.
/** Text with Markdown's inline syntax and HTML brackets escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_<>[\]]/g, '\\$&');
}

/** Lines kept apart in one paragraph or list item: hard breaks, continuation lines indented. */
function multiline(text: string, indent: string): string {
  return escapeMarkdown(text).split('\n').join(`\\\n${indent}`);
}

function shown(f: DraftField, indent: string): string {
  if (f.value === null && f.required) return `**${escapeMarkdown(show(f))}**`;
  return multiline(show(f), indent);
}

function items(list: string[], indent: string): string {
  return list.map((i) => `${indent}- ${multiline(i, `${indent}  `)}`).join('\n');
}

function block(b: Block): { md: string; isList: boolean } {
  switch (b.kind) {
    case 'text':
      return { md: multiline(b.text, ''), isList: false };
    case 'list':
      return { md: items(b.items, ''), isList: true };
    case 'field': {
      const label = `**${escapeMarkdown(b.field.label)}:**`;
      const fieldItems = b.field.items;
      if (b.layout === 'line') {
        return { md: fieldItems ? `- ${label}\n${items(fieldItems, '  ')}` : `- ${label} ${shown(b.field, '  ')}`, isList: true };
      }
      const body = fieldItems ? items(fieldItems, '') : shown(b.field, '');
      if (b.layout === 'value') return { md: body, isList: fieldItems !== undefined };
      return { md: `${label}\n\n${body}`, isList: false };
    }
  }
}

function joinBlocks(blocks: Block[]): string {
  const rendered = blocks.map(block);
  return rendered.reduce((out, b, i) => (i === 0 ? b.md : `${out}${rendered[i - 1]!.isList && b.isList ? '\n' : '\n\n'}${b.md}`), '');
}

/** The notice as Markdown: the title as a level-1 heading, one level-2 heading per section, fields as bulleted lines. */
export function renderMarkdown(doc: NoticeDocument): string {
  const parts = [`# ${escapeMarkdown(doc.title)}`, ...doc.preamble.map((p) => multiline(p, ''))];
  for (const s of doc.sections) parts.push(`## ${escapeMarkdown(s.heading)}\n\n${joinBlocks(s.blocks)}`);
  for (const note of doc.notes) parts.push(`> **Note for the reviewer:** ${multiline(note, '> ')}`);
  parts.push(`---\n\n*Draft check, remove before sending:* ${escapeMarkdown(draftCheck(doc))}`);
  return `${parts.join('\n\n')}\n`;
}
