import { looseText, NON_BLANK_TEXT_PATTERN, STORABLE_TEXT_PATTERN, text } from '../../src/domain/text';

const BLANKS = ['', ' ', '\t\n\v\f\r', '\u00a0', '\u1680', '\u2000\u200a', '\u2028\u2029', '\u202f\u205f', '\u3000', '\ufeff'];

describe('NON_BLANK_TEXT_PATTERN', () => {
  it('calls a single UTF-16 unit blank exactly when String.prototype.trim removes it, and refuses NUL', () => {
    const disagreements: string[] = [];
    for (let unit = 0; unit <= 0xffff; unit += 1) {
      const ch = String.fromCharCode(unit);
      const expected = ch.trim() !== '' && unit !== 0;
      if (NON_BLANK_TEXT_PATTERN.test(ch) !== expected) disagreements.push(unit.toString(16));
    }
    expect(disagreements).toEqual([]);
  });

  it('matches text with a kept character anywhere, including astral characters, and nothing holding a NUL', () => {
    expect(['a', ' a', 'a ', '\u3000\n x \t', '😀', '\u0085', '\u200b'].filter((s) => !NON_BLANK_TEXT_PATTERN.test(s))).toEqual([]);
    expect(['a\u0000', '\u0000a', ' \u0000 ', '\u0000', ...BLANKS].filter((s) => NON_BLANK_TEXT_PATTERN.test(s))).toEqual([]);
  });

  it('answers in linear time on long text that fails late', () => {
    const started = Date.now();
    expect(NON_BLANK_TEXT_PATTERN.test(`${'a'.repeat(200_000)}\u0000`)).toBe(false);
    expect(NON_BLANK_TEXT_PATTERN.test(' '.repeat(200_000))).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('STORABLE_TEXT_PATTERN', () => {
  it('matches any text without NUL, blank and empty included, and none with one', () => {
    expect(['', ' ', 'a', '\u0001\u001f', '😀'].every((s) => STORABLE_TEXT_PATTERN.test(s))).toBe(true);
    expect(['\u0000', 'a\u0000', '\u0000b', 'a\u0000b'].some((s) => STORABLE_TEXT_PATTERN.test(s))).toBe(false);
  });
});

describe('text', () => {
  const schema = text(10);

  it('stores the text trimmed', () => {
    expect(schema.parse(' Cloud\n')).toBe('Cloud');
    expect(schema.parse('\u3000x\ufeff')).toBe('x');
  });

  it('refuses blank text with one issue naming the rule', () => {
    for (const blank of BLANKS.filter((s) => s !== '')) {
      const issues = schema.safeParse(blank).error?.issues;
      expect({ blank, issues }).toEqual({ blank, issues: [expect.objectContaining({ code: 'invalid_format', path: [] })] });
    }
    expect(schema.safeParse('').error?.issues).toEqual([expect.objectContaining({ code: 'too_small', minimum: 1 })]);
  });

  it('refuses a NUL anywhere, which PostgreSQL text cannot hold', () => {
    for (const value of ['a\u0000', '\u0000a', 'a\u0000b']) {
      expect({ value, issues: schema.safeParse(value).error?.issues }).toEqual({ value, issues: [expect.objectContaining({ code: 'invalid_format' })] });
    }
  });

  it('counts the length as sent, before trimming, as the document states it', () => {
    expect(schema.safeParse('a'.repeat(10)).success).toBe(true);
    expect(schema.safeParse('a'.repeat(11)).error?.issues).toEqual([expect.objectContaining({ code: 'too_big', maximum: 10 })]);
    expect(schema.safeParse(`${'a'.repeat(9)}  `).error?.issues).toEqual([expect.objectContaining({ code: 'too_big', maximum: 10 })]);
  });
});

describe('looseText', () => {
  const schema = looseText(5);

  it('keeps empty and blank text as sent', () => {
    expect(['', '   ', ' a '].map((s) => schema.parse(s))).toEqual(['', '   ', ' a ']);
  });

  it('refuses a NUL and text over the limit', () => {
    expect(schema.safeParse('a\u0000').error?.issues).toEqual([expect.objectContaining({ code: 'invalid_format', message: 'Must not contain NUL (U+0000)' })]);
    expect(schema.safeParse('a'.repeat(6)).error?.issues).toEqual([expect.objectContaining({ code: 'too_big', maximum: 5 })]);
  });
});
