/**
 * The store tool: checks, backups, restore and export from the command line, for when the
 * app is closed (it takes the same folder lock, so it refuses while Daftar runs) or cannot
 * start at all.
 *
 *   node dist/main/store-tool.js <check|backup|list|restore|export> [--data-dir DIR] [--backup NAME] [--to FILE]
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Storage } from '../../db/storage';
import { explainStartFailure } from '../storage/faults';
import { defaultDataDir } from './data-dir';

export const STORE_TOOL_USAGE = `استفاده / Usage: npm run store -- <command> [--data-dir DIR] [--backup NAME] [--to FILE]
  check     بررسی کامل سلامت پروندهٔ داده‌ها / full integrity check of the store (exit 3 when damaged)
  backup    یک پشتیبانِ وارسی‌شده همین حالا / a verified backup now, in DIR/backups
  list      فهرست پشتیبان‌ها، تازه‌ترین اول / the backups, newest first
  restore   بازگرداندن تازه‌ترین پشتیبان سالم (یا --backup NAME)؛ پروندهٔ فعلی در damaged/ نگه داشته می‌شود
            / restore the newest good backup (or --backup NAME); the current file is kept in DIR/damaged
  export    کل داده‌ها در یک پرونده (--to FILE) / the whole store in one file (--to FILE, default DIR/exports)
  --data-dir DIR  (default: ${defaultDataDir()})`;

export interface ToolDeps {
  argv: string[];
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Runs one command; resolves to the exit code. */
export async function runStoreTool(deps: ToolDeps): Promise<number> {
  let parsed: { values: { 'data-dir'?: string; backup?: string; to?: string; help?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({
      args: deps.argv,
      options: {
        'data-dir': { type: 'string' },
        backup: { type: 'string' },
        to: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (err) {
    deps.err(`${err instanceof Error ? err.message : String(err)}\n${STORE_TOOL_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help || !command || positionals.length > 1 || !['check', 'backup', 'list', 'restore', 'export'].includes(command)) {
    (values.help ? deps.out : deps.err)(STORE_TOOL_USAGE);
    return values.help ? 0 : 2;
  }
  const dataDir = values['data-dir'] ?? defaultDataDir();
  try {
    if (command === 'restore') {
      const r = Storage.restoreClosed({ dataDir, program: 'store tool', ...(values.backup ? { name: values.backup } : {}) });
      deps.out(`بازگردانده شد / restored: ${r.restored.name}`);
      for (const f of r.setAside) deps.out(`نگه داشته شد / kept: ${f}`);
      return 0;
    }
    // check and export look at the store as it is: no migration is applied on the way.
    const storage = Storage.open({ dataDir, program: 'store tool', migrate: command === 'backup' });
    try {
      switch (command) {
        case 'check': {
          const r = storage.check('full');
          deps.out(r.ok ? `سالم / ok (${r.ms} ms)` : `آسیب‌دیده / damaged:\n${r.problems.join('\n')}`);
          return r.ok ? 0 : 3;
        }
        case 'backup': {
          const b = await storage.backup('manual');
          deps.out(`${b.file} (${b.bytes} bytes)`);
          return 0;
        }
        case 'list':
          for (const b of storage.backups()) deps.out(`${b.name}\t${new Date(b.at).toISOString()}\t${b.reason}\t${b.bytes}`);
          return 0;
        default: {
          const file = await storage.exportTo(values.to);
          deps.out(file);
          return 0;
        }
      }
    } finally {
      storage.close();
    }
  } catch (err) {
    deps.err(explainStartFailure(err, dataDir));
    return 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  void runStoreTool({ argv: process.argv.slice(2), out: (l) => console.log(l), err: (l) => console.error(l) }).then((code) => {
    process.exitCode = code;
  });
}
