import { z } from 'zod';

// Exactly what String.prototype.trim removes (ECMA-262 WhiteSpace and LineTerminator), spelled out rather
// than \s: the pattern is published in the OpenAPI document, and other regex dialects' \s (Python's, for
// one) is a different set.
const TRIMMED = String.raw`\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff`;

// PostgreSQL text and jsonb cannot hold U+0000. Anchored and without nested quantifiers, so every
// dialect matches in linear time. No flags: zod-to-openapi publishes the source as written.
/** Text PostgreSQL can store: any characters but NUL (U+0000). */
export const STORABLE_TEXT_PATTERN = new RegExp(String.raw`^[^\u0000]*$`);

/** Storable text with a character that trim keeps: blank text is refused. */
export const NON_BLANK_TEXT_PATTERN = new RegExp(String.raw`^[${TRIMMED}]*[^${TRIMMED}\u0000][^\u0000]*$`);

/**
 * Required free text: 1 to `max` characters as sent, at least one of them not whitespace, none of them NUL;
 * stored trimmed. Every rule is on the text as sent, so the OpenAPI document states all of them.
 */
export function text(max: number) {
  return z
    .string()
    .min(1, { abort: true })
    .max(max)
    .regex(NON_BLANK_TEXT_PATTERN, 'Must contain a character other than whitespace, and no NUL (U+0000)')
    .trim();
}

/** Free text that may be empty or blank: at most `max` characters, none of them NUL; kept as sent. */
export function looseText(max: number) {
  return z.string().max(max).regex(STORABLE_TEXT_PATTERN, 'Must not contain NUL (U+0000)');
}
