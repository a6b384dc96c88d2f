import type { NoticeDocument } from './document';
import { renderMarkdown } from './markdown';
import { renderPlainText } from './plain-text';
import type { ObligationNoticeDraft } from './schema';

/** The draft as the API serves it in JSON: its fields (mandatory or not), what is missing, the plain text and the Markdown. */
export function toObligationNoticeDraft(doc: NoticeDocument): ObligationNoticeDraft {
  return {
    regime: doc.regime,
    obligation: doc.obligation,
    recipient: doc.recipient,
    title: doc.title,
    fields: doc.fields.map(({ name, label, value, legalBasis, required }) => ({ name, label, value, legalBasis, required })),
    missing: doc.missing,
    complete: doc.complete,
    text: renderPlainText(doc),
    markdown: renderMarkdown(doc),
  };
}
