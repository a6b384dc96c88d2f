import { z } from 'zod';
import { RoleSchema } from './roles';
import { text } from './text';
import { IsoDateTimeSchema } from './iso-date-time';

/** Who the caller is, for the console: a person signed in through OIDC (with the CSRF token their writes carry) or an API key. */
export const SessionReadSchema = z
  .object({
    kind: z.enum(['person', 'api-key']),
    name: z.string(),
    role: RoleSchema,
    subject: z.string().nullable().describe('The OpenID provider’s subject of a person; null for an API key'),
    email: z.string().nullable(),
    csrfToken: z.string().nullable().describe('Send it as X-CSRF-Token on every write made with the session cookie'),
    expiresAt: IsoDateTimeSchema.nullable().describe('The session’s absolute expiry (it also ends after idle time)'),
  })
  .meta({ id: 'Session' });
export type SessionRead = z.infer<typeof SessionReadSchema>;

/** Body of `POST /v1/api-keys`: a key for a machine, with one role. */
export const ApiKeyCreateSchema = z.strictObject({ name: text(200), role: RoleSchema }).meta({ id: 'ApiKeyCreate' });
export type ApiKeyCreate = z.infer<typeof ApiKeyCreateSchema>;

/** An API key as listed: never the key itself, only its first characters. */
export const ApiKeyReadSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    role: RoleSchema,
    keyPrefix: z.string(),
    createdAt: IsoDateTimeSchema,
    revokedAt: IsoDateTimeSchema.nullable(),
  })
  .meta({ id: 'ApiKey' });

/** Answer of `POST /v1/api-keys`: the key in plain text, shown this once. */
export const ApiKeyCreatedSchema = ApiKeyReadSchema.extend({ key: z.string() }).meta({ id: 'ApiKeyCreated' });

export const ApiKeyListSchema = z.object({ items: z.array(ApiKeyReadSchema) }).meta({ id: 'ApiKeyList' });
