/**
 * The Daftar sync server.
 *
 *   npm run server -- [--data-dir DIR] [--host 127.0.0.1] [--port 8470] [--tls-cert F --tls-key F] [--token-days 30]
 *   npm run server -- admin <command> …     (users, groups, roles: see `admin help`)
 *
 * With DATABASE_URL in the environment it stores in PostgreSQL; otherwise in SQLite in the
 * data folder ($XDG_DATA_HOME/daftar-server, ~/.local/share/daftar-server by default).
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runAdmin } from './admin';
import { defaultServerDataDir } from './data-dir';
import { openServerDatabase } from './database/open';
import { createSyncServer } from './http/app';
import { listen } from './listen';
import { streamLog } from './log';

async function serve(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '8470' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'token-days': { type: 'string', default: '30' },
    },
  });
  const port = Number(values.port);
  const days = Number(values['token-days']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail('درگاه (--port) باید عددی بین ۰ و ۶۵۵۳۵ باشد. / --port must be 0–65535.');
  if (!(days > 0)) fail('--token-days باید عددی مثبت باشد. / --token-days must be a positive number.');
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) fail('برای TLS هر دو --tls-cert و --tls-key لازم است. / TLS needs both --tls-cert and --tls-key.');
  const log = streamLog();
  const dataDir = values['data-dir'] ?? defaultServerDataDir();
  const db = await openServerDatabase({ dataDir, databaseUrl: process.env.DATABASE_URL });
  const app = createSyncServer({ db, log, tokenTtlMs: days * 24 * 3600 * 1000 });
  const tls = values['tls-cert'] && values['tls-key'] ? { certFile: values['tls-cert'], keyFile: values['tls-key'] } : undefined;
  const running = await listen(app, { host: values.host, port, tls });
  log.info('server started', { url: running.url, database: db.dialect, dataDir: db.dialect === 'sqlite' ? dataDir : undefined });
  // One line on stdout a script (or a test) can wait for.
  console.log(`Daftar server listening on ${running.url}`);
  const stop = () => {
    void running
      .close()
      .then(() => app.close())
      .then(() => db.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  try {
    if (argv[0] === 'admin') process.exitCode = await runAdmin(argv.slice(1));
    else await serve(argv[0] === 'serve' ? argv.slice(1) : argv);
  } catch (err) {
    console.error(`سرور دفتر اجرا نشد / The Daftar server did not start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void main();
