import { z } from 'zod';

/**
 * A key one branch of a union must not have, refused with `message` at the key's own path. It lets a
 * discriminated union route on "not given" and keeps the error on the field; the OpenAPI document
 * shows it as a property no value satisfies (`not: {}`), so the branch states the key is not allowed.
 */
export function absent(message: string) {
  // zod-to-openapi needs a type for z.undefined(); `not: {}` makes any type unsatisfiable.
  return z.undefined({ error: message }).optional().meta({ type: 'null', not: {}, description: message });
}
