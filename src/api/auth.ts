import type { Request } from 'express';
import type pg from 'pg';
import { findActiveApiKeyByHash } from '../db/api-keys-repository';
import type { Actor } from '../domain/incident';
import type { Role } from '../domain/roles';
import { hashApiKey } from './api-keys';
import { ForbiddenError, UnauthorizedError } from './problem';

/** The authenticated caller: the API key's id, name and role. */
export type Principal = Actor & { role: Role };

/** Resolves the bearer key to its principal and checks its role; throws 401 or 403 problems. */
export async function authorize(pool: pg.Pool, req: Request, roles: readonly Role[]): Promise<Principal> {
  const header = req.get('authorization');
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  if (!match) throw new UnauthorizedError('An API key is required: send `Authorization: Bearer <key>`.');
  const row = await findActiveApiKeyByHash(pool, hashApiKey(match[1]!));
  if (!row) throw new UnauthorizedError('The API key is unknown or revoked.');
  if (!roles.includes(row.role)) {
    throw new ForbiddenError(`The role '${row.role}' may not do this; it needs one of: ${roles.join(', ')}.`);
  }
  return { keyId: row.id, name: row.name, role: row.role };
}
