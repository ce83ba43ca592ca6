/**
 * The test PBX from Node: kamailio-start.sh / kamailio-stop.sh (beside this file) on a run
 * folder of its own. Start it once per test file or suite (beforeAll), stop it after
 * (afterAll) — and stop every SIP user agent before Kamailio: with a call still up and the
 * proxy gone, a UA's stop() waits ~32 s for its BYE to time out.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * This folder, found from wherever the code runs: beside this file under Vitest and
 * Playwright, or from dist/bench/ when the bench bundle runs (then the repo's copy).
 */
export function sipServicesDir(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    for (const candidate of [dir, join(dir, 'tests/services/sip')]) {
      if (existsSync(join(candidate, 'kamailio-start.sh'))) return candidate;
    }
    if (dirname(dir) === dir) throw new Error('tests/services/sip not found');
  }
}
const HERE = sipServicesDir();

export interface KamailioOptions {
  /** Digest auth on REGISTER/INVITE/REFER; every user's password is `password`. */
  auth?: boolean;
  /** A wss:// listener whose certificate a fresh test CA signed (see `caPem`). */
  tls?: boolean;
}

export interface Kamailio {
  readonly runDir: string;
  /** The SIP domain every test user belongs to. */
  readonly domain: '127.0.0.1';
  readonly password: string;
  readonly udpPort: number;
  readonly wsPort: number;
  readonly wssPort: number;
  readonly wsUrl: string;
  readonly wssUrl: string;
  /** The test CA's certificate (PEM) when started with tls; '' otherwise. */
  readonly caPem: string;
  /** Stops it; registrations are forgotten (the location table is in memory). */
  stop(): Promise<void>;
  /** Starts it again on the same ports. */
  start(): Promise<void>;
  /** Stops it and removes its run folder. */
  close(): Promise<void>;
  log(): string;
}

export async function startKamailio(options: KamailioOptions = {}): Promise<Kamailio> {
  const runDir = mkdtempSync(join(tmpdir(), 'daftar-kamailio-'));
  const flags = [...(options.auth ? ['--auth'] : []), ...(options.tls ? ['--tls'] : [])];
  const start = async () => {
    try {
      await run(join(HERE, 'kamailio-start.sh'), [runDir, ...flags], { timeout: 30_000 });
    } catch (err) {
      const e = err as { stderr?: string; message: string };
      throw new Error(`Kamailio did not start: ${e.stderr || e.message}`);
    }
  };
  const stop = async () => {
    await run(join(HERE, 'kamailio-stop.sh'), [runDir], { timeout: 30_000 });
  };
  try {
    await start();
  } catch (err) {
    rmSync(runDir, { recursive: true, force: true });
    throw err;
  }
  const env = Object.fromEntries(
    readFileSync(join(runDir, 'kamailio.env'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split('=') as [string, string]),
  );
  const udpPort = Number(env.UDP_PORT);
  const wsPort = Number(env.WS_PORT);
  const wssPort = Number(env.WSS_PORT);
  return {
    runDir,
    domain: '127.0.0.1',
    password: 'secret',
    udpPort,
    wsPort,
    wssPort,
    wsUrl: `ws://127.0.0.1:${wsPort}`,
    wssUrl: `wss://127.0.0.1:${wssPort}`,
    caPem: options.tls ? readFileSync(join(runDir, 'ca.pem'), 'utf8') : '',
    stop,
    start,
    close: async () => {
      try {
        await stop();
      } finally {
        rmSync(runDir, { recursive: true, force: true });
      }
    },
    log: () => readFileSync(join(runDir, 'kamailio.log'), 'utf8'),
  };
}
