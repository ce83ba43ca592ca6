import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { AdminError } from './accounts/organisation';
import { openServerDatabase } from './database/open';
import { createSyncServer } from './http/app';
import { defaultServerDataDir } from './data-dir';

const HELP = `Daftar server administration / مدیریت سرور دفتر

  admin user add USERNAME --name "نام" [--email E] [--role ROLE]… [--group GROUP]… [--password-stdin]
  admin user passwd USERNAME [--password-stdin]
  admin user disable USERNAME          sign-in refused, sessions ended, inactive on every desk
  admin user sessions-revoke USERNAME  every sign-in token of the user ends
  admin user list
  admin role add NAME PERMISSION…      e.g. identities.read identities.write history.read
  admin role grant USERNAME ROLE
  admin role revoke USERNAME ROLE
  admin role list
  admin group add NAME [--department] [--parent GROUP]
  admin group member GROUP USERNAME
  admin group list

Every command takes --data-dir DIR (SQLite) or uses DATABASE_URL (PostgreSQL), as the server does.
Without --password-stdin the password is asked for on the terminal.`;

/** Runs one admin command; answers the process exit code. */
export async function runAdmin(argv: string[], io: { out: (s: string) => void; err: (s: string) => void; stdin?: NodeJS.ReadableStream } = {
  out: (s) => console.log(s),
  err: (s) => console.error(s),
}): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      role: { type: 'string', multiple: true },
      group: { type: 'string', multiple: true },
      parent: { type: 'string' },
      department: { type: 'boolean', default: false },
      'password-stdin': { type: 'boolean', default: false },
    },
  });
  const [noun, verb, ...rest] = positionals;
  if (!noun || noun === 'help') {
    io.out(HELP);
    return noun ? 0 : 2;
  }
  const db = await openServerDatabase({ dataDir: values['data-dir'] ?? defaultServerDataDir(), databaseUrl: process.env.DATABASE_URL });
  const app = createSyncServer({ db });
  const org = app.organisation;
  const password = async () => (values['password-stdin'] ? readAll(io.stdin ?? process.stdin) : askHidden('Password / گذرواژه: '));
  try {
    switch (`${noun} ${verb ?? ''}`) {
      case 'user add': {
        const user = await org.createUser({
          username: need(rest[0], 'USERNAME'),
          displayName: values.name ?? need(undefined, '--name'),
          password: await password(),
          email: values.email,
          roles: values.role,
          groups: values.group,
        });
        io.out(`user ${user.username} ${user.id} roles=[${user.roles.join(', ')}] groups=[${user.groups.join(', ')}]`);
        return 0;
      }
      case 'user passwd':
        await org.setPassword(need(rest[0], 'USERNAME'), await password());
        io.out('password changed; sessions ended');
        return 0;
      case 'user disable':
        await org.disableUser(need(rest[0], 'USERNAME'));
        io.out('user disabled');
        return 0;
      case 'user sessions-revoke':
        io.out(`${await org.revokeSessions(need(rest[0], 'USERNAME'))} session(s) ended`);
        return 0;
      case 'user list':
        for (const u of await org.users()) {
          io.out(`${u.username}\t${u.displayName}\t${u.active ? 'active' : 'disabled'}\troles=[${u.roles.join(', ')}]\tgroups=[${u.groups.join(', ')}]`);
        }
        return 0;
      case 'role add': {
        const role = await org.createRole(need(rest[0], 'NAME'), rest.slice(1));
        io.out(`role ${role.name} ${role.id} [${role.permissions.join(', ')}]`);
        return 0;
      }
      case 'role grant':
        await org.grantRole(need(rest[0], 'USERNAME'), need(rest[1], 'ROLE'));
        io.out('granted');
        return 0;
      case 'role revoke':
        await org.revokeRole(need(rest[0], 'USERNAME'), need(rest[1], 'ROLE'));
        io.out('revoked');
        return 0;
      case 'role list':
        for (const r of await org.roles()) io.out(`${r.name}\t[${r.permissions.join(', ')}]`);
        return 0;
      case 'group add': {
        const g = await org.createGroup(need(rest[0], 'NAME'), values.department ? 'department' : 'group', values.parent);
        io.out(`group ${g.name} ${g.id}`);
        return 0;
      }
      case 'group member':
        await org.addMember(need(rest[0], 'GROUP'), need(rest[1], 'USERNAME'));
        io.out('member added');
        return 0;
      case 'group list':
        for (const g of await org.groups()) io.out(`${g.name}\t${g.kind}\tmembers=${g.members.length}`);
        return 0;
      default:
        io.err(`فرمان ناشناخته / Unknown command: ${noun} ${verb ?? ''}\n\n${HELP}`);
        return 2;
    }
  } catch (err) {
    if (err instanceof AdminError) {
      io.err(err.message);
      return 1;
    }
    throw err;
  } finally {
    await app.close();
    await db.close();
  }
}

function need(value: string | undefined, what: string): string {
  if (!value) throw new AdminError(`${what} لازم است. / ${what} is needed.`);
  return value;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function askHidden(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) throw new AdminError('گذرواژه را با --password-stdin بدهید. / Give the password with --password-stdin.');
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // Typed characters are not echoed.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
    if (s.includes(prompt)) process.stdout.write(prompt);
  };
  const answer = await new Promise<string>((resolve) => rl.question(prompt, resolve));
  rl.close();
  process.stdout.write('\n');
  return answer;
}
