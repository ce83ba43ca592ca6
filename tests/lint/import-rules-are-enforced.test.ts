import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Lints source text as if it were a file at `path`, with the project's own config.
const eslint = new ESLint({ cwd: process.cwd() });
async function boundaryErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'daftar/import-boundaries').map((m) => m.message);
}

describe('the import rules of ARCHITECTURE.md', () => {
  it('refuse Node built-ins and Node-only packages in the renderer', async () => {
    expect(await boundaryErrors('renderer/features/x.tsx', "import { readFileSync } from 'node:fs';\nreadFileSync('a');\n")).toHaveLength(1);
    expect(await boundaryErrors('renderer/features/x.tsx', "import fs from 'fs';\nfs.readFileSync('a');\n")).toHaveLength(1);
    expect(await boundaryErrors('renderer/features/x.tsx', "import Database from 'better-sqlite3';\nnew Database('a');\n")).toHaveLength(1);
  });

  it('refuse backend code in the renderer, except main/api types and the pure RPC client', async () => {
    expect(await boundaryErrors('renderer/a/x.ts', "import { IdentityService } from '../../main/identities/service';\nvoid IdentityService;\n")).toHaveLength(1);
    expect(await boundaryErrors('renderer/a/x.ts', "import { openDatabase } from '../../db/connection';\nvoid openDatabase;\n")).toHaveLength(1);
    expect(await boundaryErrors('renderer/a/x.ts', "import { contract } from '../../main/contract';\nvoid contract;\n")).toHaveLength(1);
    expect(await boundaryErrors('renderer/a/x.ts', "import type { Identity } from '../../main/contract';\nexport type X = Identity;\n")).toEqual([]);
    expect(await boundaryErrors('renderer/a/x.ts', "import { RpcClient } from '../../main/api/client';\nvoid RpcClient;\n")).toEqual([]);
  });

  it('refuse `electron` anywhere outside electron/', async () => {
    const code = "import { app } from 'electron';\nvoid app;\n";
    expect(await boundaryErrors('main/host/x.ts', code)).toHaveLength(1);
    expect(await boundaryErrors('renderer/x.ts', code)).toHaveLength(1);
    expect(await boundaryErrors('db/x.ts', "const e = require('electron');\nvoid e;\n")).toHaveLength(1);
    expect(await boundaryErrors('electron/x.ts', code)).toEqual([]);
  });

  it('keep db/ free of main/, and main/ free of electron/ and renderer/', async () => {
    expect(await boundaryErrors('db/x.ts', "import { Router } from '../main/api/router';\nvoid Router;\n")).toHaveLength(1);
    expect(await boundaryErrors('main/x/y.ts', "import { App } from '../../renderer/app/App';\nvoid App;\n")).toHaveLength(1);
    expect(await boundaryErrors('main/x/y.ts', "import { Store } from '../../db/writer';\nvoid Store;\n")).toEqual([]);
  });

  it('let electron/ reach only main/api', async () => {
    expect(await boundaryErrors('electron/x.ts', "import { RpcClient } from '../main/api/client';\nvoid RpcClient;\n")).toEqual([]);
    expect(await boundaryErrors('electron/x.ts', "import { createBackend } from '../main/backend';\nvoid createBackend;\n")).toHaveLength(1);
  });
});
