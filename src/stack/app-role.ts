import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The role the application connects as (created by migration 1765152000000_application-role.sql). */
export const APP_ROLE = 'breach_app';

/**
 * Lets the application role log in with a fresh password and returns the application's connection string: the
 * owner's, with that role and password. Run as the owner after migrating (the local stack's PostgreSQL only:
 * elsewhere the role's login is set up where the database is run).
 */
export async function enableAppRoleLogin(ownerUrl: string): Promise<string> {
  const password = randomBytes(24).toString('base64url');
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    // A password cannot be a bind parameter in ALTER ROLE; base64url needs no quoting beyond the literal's.
    await client.query(`ALTER ROLE ${APP_ROLE} LOGIN PASSWORD '${password}'`);
  } finally {
    await client.end();
  }
  const url = new URL(ownerUrl);
  url.username = APP_ROLE;
  url.password = password;
  return url.toString();
}
