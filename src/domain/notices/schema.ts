import { z } from 'zod';

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

/** A field of an obligation's notice, saying whether the law makes it mandatory. */
export const ObligationNoticeFieldSchema = NoticeFieldSchema.extend({
  required: z.boolean().describe('Mandatory: a draft missing it is not complete'),
}).meta({ id: 'ObligationNoticeField' });
export type ObligationNoticeField = z.infer<typeof ObligationNoticeFieldSchema>;

/** The notice one clock asks for, drafted from the case file: its fields, the mandatory ones still missing, and the text. */
export const ObligationNoticeDraftSchema = z
  .object({
    regime: z.string(),
    obligation: z.string(),
    recipient: z.string(),
    title: z.string(),
    fields: z.array(ObligationNoticeFieldSchema),
    missing: z.array(z.string()).describe('Names of mandatory fields with no value'),
    complete: z.boolean(),
    text: z.string().describe('The full draft, plain text with headed sections'),
    markdown: z.string().describe('The full draft as Markdown'),
  })
  .meta({ id: 'ObligationNoticeDraft' });
export type ObligationNoticeDraft = z.infer<typeof ObligationNoticeDraftSchema>;

/** The formats an obligation's draft is served in. */
export const NoticeFormatSchema = z.enum(['json', 'markdown', 'html']);
export type NoticeFormat = z.infer<typeof NoticeFormatSchema>;
