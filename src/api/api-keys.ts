import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Queryable } from '../db/pool';
import { insertApiKey } from '../db/api-keys-repository';
import type { Role } from '../domain/roles';

const KEY_PREFIX = 'bre_';

/** SHA-256 hex of a presented key: the only form in which keys are stored or looked up. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Creates a key with 256 random bits; returns the plaintext once, stores only its hash. */
export async function createApiKey(client: Queryable, input: { name: string; role: Role; key?: string }): Promise<{ id: string; key: string }> {
  const key = input.key ?? `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const id = randomUUID();
  await insertApiKey(client, { id, name: input.name, role: input.role, keyHash: hashApiKey(key), keyPrefix: key.slice(0, 8) });
  return { id, key };
}
