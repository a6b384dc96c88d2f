import { z } from 'zod';
import { ApiKeyCreatedSchema, ApiKeyCreateSchema, ApiKeyListSchema, ApiKeyReadSchema, SessionReadSchema } from '../../domain/access';
import { READERS, type Role } from '../../domain/roles';
import { toUtcIso } from '../../domain/time';
import { findApiKeyById, listApiKeys, revokeApiKey, type ApiKeyRow } from '../../db/api-keys-repository';
import type pg from 'pg';
import { createApiKey } from '../api-keys';
import { personSessionOf } from '../auth';
import { NotFoundError } from '../problem';
import { defineRoute, type AnyRoute } from '../route';

const ADMIN: readonly Role[] = ['admin'];

function toApiKey(row: ApiKeyRow) {
  return { id: row.id, name: row.name, role: row.role, keyPrefix: row.key_prefix, createdAt: toUtcIso(row.created_at), revokedAt: row.revoked_at ? toUtcIso(row.revoked_at) : null };
}

/** Who is calling (the console's session) and the admin's management of API keys for machines. */
export function accessRoutes(pool: pg.Pool): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/v1/session',
      operationId: 'getSession',
      summary: 'Who the caller is: the signed-in person (with the CSRF token for their writes) or the API key',
      tags: ['access'],
      roles: READERS,
      response: { status: 200, description: 'The caller', schema: SessionReadSchema },
      handler: ({ principal, res }) => {
        const session = personSessionOf(res);
        return Promise.resolve({
          kind: session ? ('person' as const) : ('api-key' as const),
          name: principal.name,
          role: principal.role,
          subject: principal.subject ?? null,
          email: session?.email ?? null,
          csrfToken: session?.csrf_token ?? null,
          expiresAt: session ? toUtcIso(session.expires_at) : null,
        });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/api-keys',
      operationId: 'listApiKeys',
      summary: 'API keys for machines, revoked ones included (never the keys themselves)',
      tags: ['access'],
      roles: ADMIN,
      response: { status: 200, description: 'Keys', schema: ApiKeyListSchema },
      handler: async () => ({ items: (await listApiKeys(pool)).map(toApiKey) }),
    }),
    defineRoute({
      method: 'post',
      path: '/v1/api-keys',
      operationId: 'createApiKey',
      summary: 'Create an API key for a machine; the key is in this answer only (just its SHA-256 is stored)',
      tags: ['access'],
      roles: ADMIN,
      body: ApiKeyCreateSchema,
      response: { status: 201, description: 'Created', schema: ApiKeyCreatedSchema },
      links: { revoke: { operationId: 'revokeApiKey', parameters: { keyId: '$response.body#/id' } } },
      handler: async ({ body }) => {
        const created = await createApiKey(pool, body);
        return { ...toApiKey((await findApiKeyById(pool, created.id))!), key: created.key };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/api-keys/{keyId}/revoke',
      operationId: 'revokeApiKey',
      summary: 'Revoke an API key: it stops working at once; revoking a revoked key changes nothing',
      tags: ['access'],
      roles: ADMIN,
      params: z.strictObject({ keyId: z.uuid() }),
      response: { status: 200, description: 'Revoked', schema: ApiKeyReadSchema },
      problems: [404],
      handler: async ({ params }) => {
        await revokeApiKey(pool, params.keyId);
        const row = await findApiKeyById(pool, params.keyId);
        if (!row) throw new NotFoundError(`No API key with id ${params.keyId}.`);
        return toApiKey(row);
      },
    }),
  ];
}
