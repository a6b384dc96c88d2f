// `npm run keys -- create --role dpo --name "Jane DPO"` | `revoke <id>` | `list`: manages API keys in DATABASE_URL.
import { parseArgs } from 'node:util';
import { createApiKey } from '../api/api-keys';
import { databaseSsl, loadConfigOrExit } from '../config';
import { listApiKeys, revokeApiKey } from '../db/api-keys-repository';
import { createPool } from '../db/pool';
import { RoleSchema } from '../domain/roles';

const USAGE = `usage:
  npm run keys -- create --role <${RoleSchema.options.join('|')}> --name "<who>"
  npm run keys -- revoke <key id>
  npm run keys -- list`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { role: { type: 'string' }, name: { type: 'string' } },
  });
  const [command, id] = positionals;
  const config = loadConfigOrExit();
  const pool = createPool(config.DATABASE_URL, 1, databaseSsl(config));
  try {
    if (command === 'create') {
      const role = RoleSchema.safeParse(values.role);
      if (!role.success || !values.name?.trim()) {
        console.error(USAGE);
        return 2;
      }
      const created = await createApiKey(pool, { name: values.name.trim(), role: role.data });
      console.log(`id:   ${created.id}\nrole: ${role.data}\nkey:  ${created.key}\n(the key is shown once; only its hash is stored)`);
      return 0;
    }
    if (command === 'revoke' && id) {
      const revoked = await revokeApiKey(pool, id);
      console.log(revoked ? `revoked ${id}` : `no active key with id ${id}`);
      return revoked ? 0 : 1;
    }
    if (command === 'list') {
      for (const key of await listApiKeys(pool)) {
        const state = key.revoked_at ? `revoked ${key.revoked_at.toISOString()}` : 'active';
        console.log(`${key.id}  ${key.role.padEnd(9)}  ${key.key_prefix}…  ${state}  ${key.name}`);
      }
      return 0;
    }
    console.error(USAGE);
    return 2;
  } finally {
    await pool.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
