import type { DraftField } from './fields';

/** A piece of a section: a field (as "Label: value", its value alone, or the label above the value), a paragraph, or a list. */
export type Block =
  | { kind: 'field'; field: DraftField; layout: 'line' | 'value' | 'stacked' }
  | { kind: 'text'; text: string }
  | { kind: 'list'; items: string[] };

/** A headed section of a notice. */
export interface NoticeSection {
  heading: string;
  blocks: Block[];
}

/** Paper a notice is printed on: A4 outside the US, US Letter for US regimes. */
export type Paper = 'A4' | 'Letter';

/** A notice as structure, before it is rendered as plain text, Markdown or HTML. */
export interface NoticeDocument {
  regime: string;
  obligation: string;
  /** Who the notice goes to. */
  recipient: string;
  title: string;
  /** Paragraphs before the first section; a paragraph may hold line breaks. */
  preamble: string[];
  sections: NoticeSection[];
  fields: DraftField[];
  /** Names of mandatory fields with no value. */
  missing: string[];
  complete: boolean;
  /** The provision(s) the mandatory content comes from, as the draft check names them. */
  basis: string;
  paper: Paper;
  /** The smallest type size the law allows, in points (California: 10). */
  minFontPt?: number;
  /** Notes for the reviewer, shown after the sections. */
  notes: string[];
}

/** "Label: value" block. */
export const line = (field: DraftField): Block => ({ kind: 'field', field, layout: 'line' });
/** The value alone. */
export const value = (field: DraftField): Block => ({ kind: 'field', field, layout: 'value' });
/** The label above its value. */
export const stacked = (field: DraftField): Block => ({ kind: 'field', field, layout: 'stacked' });
/** A paragraph. */
export const text = (t: string): Block => ({ kind: 'text', text: t });
/** A bulleted list. */
export const list = (items: string[]): Block => ({ kind: 'list', items });

/** The document with its missing mandatory fields worked out. */
export function noticeDocument(parts: Omit<NoticeDocument, 'missing' | 'complete' | 'notes' | 'paper'> & { notes?: string[]; paper?: Paper }): NoticeDocument {
  const missing = parts.fields.filter((f) => f.required && f.value === null).map((f) => f.name);
  return { ...parts, paper: parts.paper ?? 'A4', notes: parts.notes ?? [], missing, complete: missing.length === 0 };
}

/** The reviewer's check: all mandatory information present, or which is missing. */
export function draftCheck(doc: NoticeDocument): string {
  if (doc.missing.length === 0) return `All mandatory information (${doc.basis}) is present.`;
  const labels = doc.fields.filter((f) => doc.missing.includes(f.name)).map((f) => f.label);
  return `Missing mandatory information: ${labels.join('; ')}.`;
}

/** A headed group of fields, with an optional paragraph before them. */
export interface FieldSection {
  heading: string;
  intro?: string;
  fields: DraftField[];
}

/** A notice whose sections list fields, one "Label: value" line each (lists under their label). */
export function fieldNotice(
  meta: Omit<NoticeDocument, 'missing' | 'complete' | 'notes' | 'paper' | 'sections' | 'fields' | 'preamble'> & { preamble?: string[]; notes?: string[]; paper?: Paper },
  sections: FieldSection[],
): NoticeDocument {
  return noticeDocument({
    ...meta,
    preamble: meta.preamble ?? [],
    sections: sections.map((s) => ({
      heading: s.heading,
      blocks: [...(s.intro ? [text(s.intro)] : []), ...s.fields.map((f) => (f.items ? stacked(f) : line(f)))],
    })),
    fields: sections.flatMap((s) => s.fields),
  });
}
