/**
 * Vitest global setup of the `postgres` project: one throw-away PostgreSQL 15 cluster
 * (tests/services/postgres.sh) for every suite that needs it, stopped when they are done.
 * Suites read its URL with `inject('databaseUrl')` and make a database of their own in it.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

const script = fileURLToPath(new URL('./postgres.sh', import.meta.url));

export default function setup(project: TestProject): () => void {
  const [url, dir] = execFileSync('bash', [script, 'start'], { encoding: 'utf8' }).trim().split(/\s+/) as [string, string];
  project.provide('databaseUrl', url);
  return () => {
    execFileSync('bash', [script, 'stop', dir], { stdio: 'inherit' });
  };
}
