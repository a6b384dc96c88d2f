import { canonicalJson } from '../../src/db/canonical-json';

describe('canonicalJson', () => {
  it('writes the same text whatever order the keys were inserted in', () => {
    expect(canonicalJson({ b: 1, a: 2, c: 3 })).toBe('{"a":2,"b":1,"c":3}');
    expect(canonicalJson({ c: 3, a: 2, b: 1 })).toBe(canonicalJson({ a: 2, b: 1, c: 3 }));
  });

  it('sorts nested objects, also inside arrays, without whitespace', () => {
    const value = { z: { y: [{ b: true, a: null }], x: 'text' }, a: [] };
    expect(canonicalJson(value)).toBe('{"a":[],"z":{"x":"text","y":[{"a":null,"b":true}]}}');
  });

  it('keeps array order', () => {
    expect(canonicalJson([3, 1, 2, 'b', 'a'])).toBe('[3,1,2,"b","a"]');
  });

  it('sorts keys by UTF-16 code units, as in the RFC 8785 section 3.2.3 example', () => {
    const value = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // The emoji's high surrogate 0xD83D sorts before U+FB33, although its code point is higher.
    expect(canonicalJson(value)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('writes numbers and strings as JSON.stringify does', () => {
    expect(canonicalJson([0, -0, 1.5, 1e21, 1e-7, 333333333.3333333, 'quote " and \\ and \n', '\u2028'])).toBe(
      '[0,0,1.5,1e+21,1e-7,333333333.3333333,"quote \\" and \\\\ and \\n","\u2028"]',
    );
  });

  it('omits properties whose value is undefined', () => {
    expect(canonicalJson({ a: 1, b: undefined, c: { d: undefined } })).toBe('{"a":1,"c":{}}');
  });

  it.each([
    ['NaN', { a: NaN }, '$.a'],
    ['Infinity', { a: [1, Infinity] }, '$.a[1]'],
    ['a bigint', { a: 1n }, '$.a'],
    ['a function', { a: () => 1 }, '$.a'],
    ['a symbol', { 'a b': Symbol('s') }, '$["a b"]'],
    ['a Date', { at: new Date(0) }, '$.at'],
    ['a Map', { m: new Map([['a', 1]]) }, '$.m'],
    ['an undefined array element', { a: [1, undefined] }, '$.a[1]'],
    ['undefined itself', undefined, '$'],
  ])('rejects %s, naming where it is', (_name, value, path) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
    expect(() => canonicalJson(value)).toThrow(path);
  });

  it('rejects a cycle instead of overflowing the stack', () => {
    const value: Record<string, unknown> = { a: 1 };
    value.self = { back: value };
    expect(() => canonicalJson(value)).toThrow('$.self.back refers back to an enclosing value');
  });

  it('accepts the same object twice when it is not its own ancestor', () => {
    const shared = { b: 1 };
    expect(canonicalJson({ x: shared, y: [shared] })).toBe('{"x":{"b":1},"y":[{"b":1}]}');
  });

  it('accepts objects without a prototype', () => {
    const value = Object.assign(Object.create(null) as Record<string, unknown>, { b: 2, a: 1 });
    expect(canonicalJson(value)).toBe('{"a":1,"b":2}');
  });
});
