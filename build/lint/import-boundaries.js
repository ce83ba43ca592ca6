// ESLint rule: who may import whom (docs/architecture.md, "Import rules"), between the top
// folders and between the folders inside main/.
// Relative imports are resolved against the importing file, so the rule checks real
// folders, not spellings. Node built-ins count as "node"; `electron` is its own kind.
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..', '..');
const NODE_ONLY_PACKAGES = new Set(['better-sqlite3', 'ws', 'node-notifier', 'sip.js', 'uuid']);
const BUILTINS = new Set(builtinModules);
// Pure, dependency-free modules of the API the renderer may import as values.
const RENDERER_VALUE_OK = new Set(['main/api/rpc', 'main/api/client']);
// Folders of main/ that are not capabilities: the machinery, the hosts, tools.
const MAIN_MACHINERY = new Set(['api', 'host', 'demo']);

/** Rules inside main/ (both paths relative to the repository). */
function mainViolation(fromRel, targetRel, typeOnly) {
  const from = fromRel.split('/');
  const to = targetRel.split('/');
  if (to[0] !== 'main') return null;
  const fromFolder = from.length > 2 ? from[1] : null; // null: a file directly in main/
  const toFolder = to.length > 2 ? to[1] : null;
  const toFile = to[to.length - 1];
  if (fromFolder === 'api') {
    return toFolder === 'api' ? null : 'main/api/ is machinery and imports no capability, host or list.';
  }
  if (fromRel === 'main/backend' && toFolder === 'host') return 'main/backend.ts knows no transport: hosts hand it a logger and an event sink.';
  if (fromFolder === null || fromFolder === toFolder || toFolder === 'api') return null;
  if (MAIN_MACHINERY.has(fromFolder)) return null; // hosts and the demo wire capabilities together
  // From here: a capability importing something outside itself.
  if (toFolder === null) return `a capability may not import ${targetRel}: it is given what it needs through its context.`;
  if (MAIN_MACHINERY.has(toFolder)) return `a capability may not import main/${toFolder}/.`;
  if (toFile === 'store') return `capabilities use each other through a service interface, never a store (${targetRel}).`;
  if (toFile === 'capability') return 'manifests are listed only in main/capabilities.ts.';
  if (toFile === 'service' && !typeOnly) return `another capability's service comes from ctx.use(); import its type only (${targetRel}).`;
  return null;
}

function topFolder(absPath) {
  const rel = relative(ROOT, absPath).split(sep).join('/');
  if (rel.startsWith('..')) return { top: null, rel };
  return { top: rel.split('/')[0], rel };
}

function describe(spec, fromFile) {
  if (spec.startsWith('.') || spec.startsWith('/')) {
    const target = resolve(dirname(fromFile), spec);
    const { top, rel } = topFolder(target);
    return { kind: 'local', top, rel: rel.replace(/\.(tsx?|jsx?|mjs|cjs)$/, '').replace(/\/index$/, '') };
  }
  if (spec.startsWith('node:') || BUILTINS.has(spec.split('/')[0])) return { kind: 'node' };
  const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
  if (pkg === 'electron') return { kind: 'electron' };
  return { kind: 'package', pkg };
}

/** Returns a message when `from` (a top folder) may not import `target`. */
function violation(from, fromRel, target, typeOnly) {
  if (target.kind === 'electron') return from === 'electron' ? null : '`electron` is imported only in electron/.';
  if (from === 'renderer') {
    if (target.kind === 'node') return 'the renderer is sandboxed: no Node built-ins.';
    if (target.kind === 'package' && NODE_ONLY_PACKAGES.has(target.pkg)) return `the renderer cannot use the Node package ${target.pkg}.`;
    if (target.kind === 'local' && target.top !== 'renderer') {
      if (target.top === 'main' && (typeOnly || RENDERER_VALUE_OK.has(target.rel))) return null;
      if (target.top === 'main') return 'the renderer imports main/ with `import type` only (values: main/api/rpc, main/api/client).';
      return `the renderer may not import ${target.top}/.`;
    }
    return null;
  }
  if (from === 'main' && target.kind === 'local' && target.top === 'main') return mainViolation(fromRel, target.rel, typeOnly);
  // Files at the repository root (package.json for the version) are readable by all.
  if (target.kind === 'local' && target.top !== null && !target.rel.includes('/')) return null;
  if (target.kind !== 'local' || target.top === from || target.top === null) return null;
  const t = target.top;
  switch (from) {
    case 'db':
      return `db/ may not import ${t}/.`;
    case 'main':
      return t === 'db' ? null : `main/ may import only db/, not ${t}/.`;
    case 'electron':
      return target.rel.startsWith('main/api/') ? null : `electron/ may import only main/api, not ${target.rel}.`;
    case 'server':
      return t === 'db' || (t === 'main' && target.rel.startsWith('main/api/') && typeOnly)
        ? null
        : `server/ may import db/ and main/api types only, not ${target.rel}.`;
    default:
      return null; // tests/ and build/ may reach everything
  }
}

export const importBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the import rules of ARCHITECTURE.md' },
    schema: [],
  },
  create(context) {
    const file = context.filename ?? context.getFilename();
    const { top: from, rel } = topFolder(file);
    if (!from) return {};
    const fromRel = rel.replace(/\.(tsx?|jsx?|mjs|cjs)$/, '');
    const check = (node, source, typeOnly) => {
      if (!source || typeof source.value !== 'string') return;
      const msg = violation(from, fromRel, describe(source.value, file), typeOnly);
      if (msg) context.report({ node: source, message: `Import of '${source.value}' not allowed here: ${msg}` });
    };
    const allTypes = (node) =>
      node.importKind === 'type' ||
      (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'));
    return {
      ImportDeclaration: (node) => check(node, node.source, allTypes(node)),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source, node.exportKind === 'type' || allTypes(node)),
      ExportAllDeclaration: (node) => check(node, node.source, node.exportKind === 'type'),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source, false),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          check(node, node.arguments[0], false);
        }
      },
    };
  },
};

export default { rules: { 'import-boundaries': importBoundaries } };
