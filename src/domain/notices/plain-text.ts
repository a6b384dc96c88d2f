import { draftCheck, type Block, type NoticeDocument } from './document';
import { show } from './fields';

function blockLines(block: Block): string {
  switch (block.kind) {
    case 'text':
      return block.text;
    case 'list':
      return block.items.map((i) => `- ${i}`).join('\n');
    case 'field':
      if (block.layout === 'value') return show(block.field);
      if (block.layout === 'stacked') return `${block.field.label}:\n${show(block.field)}`;
      return `${block.field.label}: ${show(block.field)}`;
  }
}

/** The notice as plain text: the title in capitals, underlined headings, and the reviewer's draft check last. */
export function renderPlainText(doc: NoticeDocument): string {
  const parts = [doc.title.toUpperCase(), ...doc.preamble];
  for (const s of doc.sections) {
    parts.push(`${s.heading}\n${'-'.repeat(s.heading.length)}\n${s.blocks.map(blockLines).join('\n')}`);
  }
  for (const note of doc.notes) parts.push(`[Note for the reviewer] ${note}`);
  parts.push(`[Draft check, remove before sending] ${draftCheck(doc)}`);
  return `${parts.join('\n\n')}\n`;
}
