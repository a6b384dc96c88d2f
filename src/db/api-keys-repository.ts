import type { Role } from '../domain/roles';
import type { Queryable } from './pool';

export interface ApiKeyRow {
  id: string;
  name: string;
  role: Role;
  key_prefix: string;
  created_at: Date;
  revoked_at: Date | null;
}

export async function insertApiKey(
  client: Queryable,
  key: { id: string; name: string; role: Role; keyHash: string; keyPrefix: string },
): Promise<void> {
  await client.query(
    'INSERT INTO api_keys (id, name, role, key_hash, key_prefix) VALUES ($1::uuid, $2, $3, $4, $5)',
    [key.id, key.name, key.role, key.keyHash, key.keyPrefix],
  );
}

/** The active (not revoked) key with this hash, if any. */
export async function findActiveApiKeyByHash(client: Queryable, keyHash: string): Promise<ApiKeyRow | undefined> {
  const { rows } = await client.query<ApiKeyRow>(
    'SELECT id, name, role, key_prefix, created_at, revoked_at FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL',
    [keyHash],
  );
  return rows[0];
}

/** Revokes a key; true when a key was active and is now revoked. */
export async function revokeApiKey(client: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await client.query(
    'UPDATE api_keys SET revoked_at = now() WHERE id = $1::uuid AND revoked_at IS NULL',
    [id],
  );
  return rowCount === 1;
}

export async function listApiKeys(client: Queryable): Promise<ApiKeyRow[]> {
  const { rows } = await client.query<ApiKeyRow>(
    'SELECT id, name, role, key_prefix, created_at, revoked_at FROM api_keys ORDER BY created_at, id',
  );
  return rows;
}

/** Whether any active admin key exists (so `make dev` seeds one only on a fresh database). */
export async function hasActiveAdminKey(client: Queryable): Promise<boolean> {
  const { rows } = await client.query("SELECT 1 FROM api_keys WHERE role = 'admin' AND revoked_at IS NULL LIMIT 1");
  return rows.length > 0;
}

export async function findApiKeyById(client: Queryable, id: string): Promise<ApiKeyRow | undefined> {
  const { rows } = await client.query<ApiKeyRow>('SELECT id, name, role, key_prefix, created_at, revoked_at FROM api_keys WHERE id = $1::uuid', [id]);
  return rows[0];
}
