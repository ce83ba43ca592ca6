import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Lints source text as if it were a file at `path`, with the project's own config.
const eslint = new ESLint({ cwd: process.cwd() });
async function boundaryErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'daftar/import-boundaries').map((m) => m.message);
}

/** main/<folder> → the main/ folders its files import (relative imports only). */
function folderGraph(): Map<string, Set<string>> {
  const root = resolve('main');
  const graph = new Map<string, Set<string>>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name)) {
        const from = relative(root, path).split('/');
        const fromFolder = from.length > 1 ? from[0]! : '(main)';
        const text = readFileSync(path, 'utf8');
        for (const m of text.matchAll(/from\s+'(\.[^']+)'/g)) {
          const target = relative(root, resolve(dirname(path), m[1]!)).split('/');
          if (target[0] === '..') continue;
          const toFolder = target.length > 1 ? target[0]! : '(main)';
          if (toFolder === fromFolder) continue;
          if (!graph.has(fromFolder)) graph.set(fromFolder, new Set());
          graph.get(fromFolder)!.add(toFolder);
        }
      }
    }
  };
  walk(root);
  return graph;
}

function findCycle(graph: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | null => {
    if (state.get(n) === 'done') return null;
    if (state.get(n) === 'open') return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 'open');
    stack.push(n);
    for (const next of graph.get(n) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(n, 'done');
    return null;
  };
  for (const n of graph.keys()) {
    const cycle = visit(n);
    if (cycle) return cycle;
  }
  return null;
}

describe('the folders of main/ (docs/architecture.md, "Import rules")', () => {
  it('form no import cycle, and main/api imports no other folder of main/', () => {
    const graph = folderGraph();
    expect(findCycle(graph)).toBeNull();
    expect([...(graph.get('api') ?? [])]).toEqual([]);
    expect(graph.get('(main)')?.has('host') ?? false).toBe(false);
  });

  it('keep SQL in each capability\'s store.ts', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name) && name !== 'store.ts' && /(\.sql|\.prepare|\bdb\.exec)\(/.test(readFileSync(path, 'utf8'))) {
          offenders.push(relative(process.cwd(), path));
        }
      }
    };
    walk(resolve('main'));
    expect(offenders).toEqual([]);
  });

  it('the cycle check finds a cycle when there is one', () => {
    const g = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
    ]);
    expect(findCycle(g)).toEqual(['a', 'b', 'c', 'a']);
  });

  it('refuse a capability in main/api, and a host in main/backend.ts', async () => {
    expect(await boundaryErrors('main/api/x.ts', "import { IdentityService } from '../identities/service';\nvoid IdentityService;\n")).toHaveLength(1);
    expect(await boundaryErrors('main/api/x.ts', "import type { Identity } from '../identities/schema';\nexport type X = Identity;\n")).toHaveLength(1);
    expect(await boundaryErrors('main/backend.ts', "import { Peers } from './host/peers';\nvoid Peers;\n")).toHaveLength(1);
    expect(await boundaryErrors('main/api/x.ts', "import { Router } from './router';\nvoid Router;\n")).toEqual([]);
  });

  it('let capabilities use each other only through a service type or a schema, never a store', async () => {
    const from = 'main/calendar/service.ts';
    expect(await boundaryErrors(from, "import { IdentityStore } from '../identities/store';\nvoid IdentityStore;\n")).toHaveLength(1);
    expect(await boundaryErrors(from, "import type { IdentityStore } from '../identities/store';\nexport type X = IdentityStore;\n")).toHaveLength(1);
    expect(await boundaryErrors(from, "import { IdentityService } from '../identities/service';\nvoid IdentityService;\n")).toHaveLength(1);
    expect(await boundaryErrors(from, "import { identities } from '../identities/capability';\nvoid identities;\n")).toHaveLength(1);
    expect(await boundaryErrors(from, "import { startWebHost } from '../host/webhost';\nvoid startWebHost;\n")).toHaveLength(1);
    expect(await boundaryErrors(from, "import { CAPABILITIES } from '../capabilities';\nvoid CAPABILITIES;\n")).toHaveLength(1);
    expect(await boundaryErrors(from, "import type { IdentityService } from '../identities/service';\nexport type X = IdentityService;\n")).toEqual([]);
    expect(await boundaryErrors(from, "import { IdentityRef } from '../identities/schema';\nvoid IdentityRef;\n")).toEqual([]);
  });
});
