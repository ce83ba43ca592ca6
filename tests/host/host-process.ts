/**
 * Runs hosts (the web host, the store tool, a test host) as child processes, bundled from
 * the sources as build/build-app.mjs bundles them, so tests can start two at once, kill one
 * with SIGKILL, or fill a small disk. Bundles go to a temporary folder removed by
 * removeBundles().
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const REPO = resolve(__dirname, '..', '..');
let dir: string | null = null;
const bundles = new Map<string, Promise<string>>();

export function bundle(entry: string): Promise<string> {
  let p = bundles.get(entry);
  if (!p) {
    // Inside the repository, so the bundle's imports of native packages (better-sqlite3)
    // resolve from node_modules as dist/ does; the folder is git-ignored and removed after.
    mkdirSync(join(REPO, '.test-bundles'), { recursive: true });
    dir ??= mkdtempSync(join(REPO, '.test-bundles', 'run-'));
    const out = join(dir, `${entry.replace(/[^a-z0-9]+/gi, '-')}.mjs`);
    p = build({
      entryPoints: [join(REPO, entry)],
      outfile: out,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      loader: { '.sql': 'text' },
      external: ['better-sqlite3', 'node-notifier', 'electron', 'bufferutil', 'utf-8-validate', 'esbuild', 'vitest'],
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      logLevel: 'silent',
    }).then(() => out);
    bundles.set(entry, p);
  }
  return p;
}

export function removeBundles(): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
  bundles.clear();
}

export interface Child {
  process: ChildProcess;
  /** Everything it wrote so far, stdout and stderr. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `node <bundle> ...args`. */
export function run(file: string, args: string[], env: NodeJS.ProcessEnv = {}): Child {
  return runCommand(process.execPath, [file, ...args], env);
}

/** Starts any program (a shell that sets limits first, for one). */
export function runCommand(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Child {
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const waiters = new Set<() => void>();
  const add = (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of [...waiters]) w();
  };
  child.stdout!.on('data', add);
  child.stderr!.on('data', add);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once('exit', (code, signal) => {
      r({ code, signal });
      for (const w of [...waiters]) w();
    }),
  );
  return {
    process: child,
    output: () => out,
    exited,
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolveMatch, reject) => {
        const check = () => {
          const m = pattern.exec(out);
          if (m) {
            cleanup();
            resolveMatch(m);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            cleanup();
            reject(new Error(`exited (${child.exitCode ?? child.signalCode}) before ${pattern}:\n${out}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no ${pattern} in ${timeoutMs} ms:\n${out}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** Stops a child for good (SIGKILL) and waits for it. */
export async function kill(child: Child): Promise<void> {
  if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
  await child.exited;
}
