import { parseArgs } from 'node:util';

import { generateMasterKey, oneTimePassword } from '@gatehouse/crypto';
import { CreateTenantBody } from '@gatehouse/shared';

import { hashPassword } from './auth/passwords.js';
import * as users from './auth/users.repository.js';
import { bootstrap } from './bootstrap.js';
import { parseEnv } from './config/env.js';
import { zodFieldErrors } from './http/errors.js';
import { rotateMasterKey } from './keys/rotate.js';
import { createLogger } from './logger.js';
import { createTenant, listAllTenants } from './tenants/tenants.service.js';

const USAGE = `Usage: pnpm gatehouse <command>

  tenant create --slug <slug> --name <name> --country <CC> --owner-email <email> --owner-name <name> [--plan free|standard|pro|enterprise]
  tenant list
  superadmin create --email <email> --name <name>
  keys rotate            re-wrap every data key with the primary MASTER_KEY (see docs/key-rotation.md)
  keys generate          print a new random master key
`;

const fail = (message: string): never => {
  process.stderr.write(`${message}\n`);
  process.exit(2);
};

async function run(argv: string[]): Promise<void> {
  const [group, command, ...rest] = argv;
  if (!group || ['help', '--help', '-h'].includes(group)) {
    process.stdout.write(USAGE);
    return;
  }
  if (group === 'keys' && command === 'generate') {
    process.stdout.write(`${generateMasterKey()}\n`);
    return;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      slug: { type: 'string' },
      name: { type: 'string' },
      country: { type: 'string' },
      plan: { type: 'string' },
      'owner-email': { type: 'string' },
      'owner-name': { type: 'string' },
      email: { type: 'string' },
    },
  });
  const known = ['tenant create', 'tenant list', 'superadmin create', 'keys rotate'];
  if (!known.includes(`${group} ${command}`)) fail(USAGE);

  const env = parseEnv();
  const runtime = await bootstrap(env, createLogger(process.env.LOG_LEVEL ?? 'warn', process.stderr));
  const who = {
    principal: null,
    ip: null,
    requestId: null,
    actor: { type: 'system' as const, id: null, label: 'cli' },
  };
  try {
    if (group === 'tenant' && command === 'create') {
      const body = CreateTenantBody.safeParse({
        slug: values.slug,
        name: values.name,
        country: values.country,
        plan: values.plan,
        owner_email: values['owner-email'],
        owner_name: values['owner-name'],
      });
      if (!body.success) {
        const errors = Object.entries(zodFieldErrors(body.error)).map(
          ([f, m]) => `  --${f.replace('_', '-')}: ${m.join(', ')}`,
        );
        fail(`Invalid tenant:\n${errors.join('\n')}\n\n${USAGE}`);
      }
      const created = await createTenant(runtime.deps, body.data!, who);
      process.stdout.write(
        `Created tenant ${created.tenant.slug} (${created.tenant.id}) on plan ${created.tenant.plan}\n`,
      );
      process.stdout.write(
        created.one_time_password
          ? `Owner ${created.owner_email}, one-time password (shown once): ${created.one_time_password}\n`
          : `Owner ${created.owner_email} (existing account)\n`,
      );
    } else if (group === 'tenant' && command === 'list') {
      const { items } = await listAllTenants(runtime.deps, 1, 100);
      for (const t of items) process.stdout.write(`${t.slug}\t${t.plan}\t${t.country}\t${t.name}\t${t.id}\n`);
    } else if (group === 'superadmin' && command === 'create') {
      if (!values.email || !values.name) fail(`--email and --name are required\n\n${USAGE}`);
      if (await users.findUserByEmail(runtime.deps.db, values.email!))
        fail(`An account for ${values.email} exists already`);
      const password = oneTimePassword();
      await users.insertUser(runtime.deps.db, {
        email: values.email!,
        name: values.name!,
        password_hash: await hashPassword(password),
        must_change_password: true,
        is_platform_admin: true,
      });
      process.stdout.write(`Superadmin ${values.email} created; one-time password (shown once): ${password}\n`);
    } else if (group === 'keys' && command === 'rotate') {
      const moved = await rotateMasterKey(runtime.ownerUrl, runtime.deps.keyRing);
      process.stdout.write(
        `Re-wrapped ${moved.dataKeys} tenant data key(s) and ${moved.platformSecrets} platform secret(s) with master key ${runtime.deps.keyRing.primaryKeyId}.\n`,
      );
    }
  } finally {
    await runtime.close();
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
