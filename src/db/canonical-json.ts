/**
 * Deterministic JSON for hashing, after RFC 8785 (JCS): object keys sorted by UTF-16 code units, no whitespace,
 * arrays in order, numbers and strings as JSON.stringify writes them. Properties whose value is `undefined` are
 * omitted. Accepts only JSON values built from plain objects and arrays: Dates (pass an ISO string), Maps, class
 * instances, functions, symbols, bigints, non-finite numbers, `undefined` array elements and cycles throw a
 * TypeError naming the path, e.g. `$.payload.items[2]`.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$', []);
}

function write(value: unknown, path: string, ancestors: object[]): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${path} is ${value}, not a finite number`);
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      return writeContainer(value, path, ancestors);
    default:
      throw new TypeError(`canonicalJson: ${path} is a ${typeof value}, which JSON cannot represent`);
  }
}

function writeContainer(value: object, path: string, ancestors: object[]): string {
  if (ancestors.includes(value)) throw new TypeError(`canonicalJson: ${path} refers back to an enclosing value`);
  ancestors.push(value);
  try {
    if (Array.isArray(value)) {
      const items: unknown[] = value;
      const parts: string[] = [];
      for (let i = 0; i < items.length; i += 1) {
        // JSON.stringify would write `null` here; a hashed record must not change meaning silently.
        if (items[i] === undefined) throw new TypeError(`canonicalJson: ${path}[${i}] is undefined`);
        parts.push(write(items[i], `${path}[${i}]`, ancestors));
      }
      return `[${parts.join(',')}]`;
    }
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== Object.prototype && prototype !== null) {
      const kind = value instanceof Date ? 'a Date (pass an ISO string)' : 'not a plain object';
      throw new TypeError(`canonicalJson: ${path} is ${kind}`);
    }
    const record = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, which is the order RFC 8785 section 3.2.3 prescribes.
    const keys = Object.keys(record).sort();
    const parts: string[] = [];
    for (const key of keys) {
      if (record[key] === undefined) continue;
      parts.push(`${JSON.stringify(key)}:${write(record[key], `${path}${memberPath(key)}`, ancestors)}`);
    }
    return `{${parts.join(',')}}`;
  } finally {
    ancestors.pop();
  }
}

function memberPath(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}
