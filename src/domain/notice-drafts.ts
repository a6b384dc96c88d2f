import { z } from 'zod';
import type { NoticeDocument } from './notices/document';
import type { DraftInput } from './notices/draft-input';
import { draftAuthorityNotice, draftDataSubjectNotice } from './notices/gdpr';
import { renderPlainText } from './notices/plain-text';
import { NoticeFieldSchema } from './notices/schema';

export type { DraftInput } from './notices/draft-input';
export { NoticeFieldSchema, type NoticeField } from './notices/schema';

/** Who a draft is addressed to. */
export const NoticeKindSchema = z.enum(['supervisory-authority', 'data-subjects']);
export type NoticeKind = z.infer<typeof NoticeKindSchema>;

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

function toNoticeDraft(kind: NoticeKind, doc: NoticeDocument): NoticeDraft {
  return {
    kind,
    title: doc.title,
    text: renderPlainText(doc),
    fields: doc.fields.map(({ name, label, value, legalBasis }) => ({ name, label, value, legalBasis })),
    missing: doc.missing,
    complete: doc.complete,
  };
}

/** The GDPR Art. 33(3) notice to the supervisory authority, as plain text with its missing mandatory fields. */
export function renderAuthorityNotice(input: DraftInput): NoticeDraft {
  return toNoticeDraft('supervisory-authority', draftAuthorityNotice(input));
}

/** The GDPR Art. 34 communication to the people affected, in plain language, with its missing mandatory fields. */
export function renderDataSubjectNotice(input: DraftInput): NoticeDraft {
  return toNoticeDraft('data-subjects', draftDataSubjectNotice(input));
}
