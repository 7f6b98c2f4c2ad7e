// The layers of docs/architecture.md, read from the import lines of server/src: the core is pure (no file
// system, no LSP, no vscode, nothing of node/, lsp/ or cli/), its parts import only downwards (text → document →
// index → checks → features), node/ knows nothing of the server or the CLI, and no module imports itself back
// through others (no cycles).

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const SOURCE = join(ROOT, 'server/src');

/** The order of the core's parts: a module imports only from its own part or the ones before it. */
const CORE_ORDER = ['text', 'document', 'index', 'checks', 'features'];
/** The core's modules outside those parts (core/settings.ts), which stand above them all. */
const CORE_TOP = CORE_ORDER.length;
/**
 * The port the index satisfies (`PrecedentLookup` and the rule for a draft's precedents) needs only the model:
 * it stands between document and index, so that the index may name its types.
 */
const PORTS = new Map([['core/checks/lookup', CORE_ORDER.indexOf('index') - 0.5]]);

interface Module {
  /** Path under server/src, without `.ts` (`core/checks/lookup`). */
  name: string;
  /** What it imports: modules of server/src by name, packages and node built-ins as written. */
  local: string[];
  external: string[];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every specifier of a static import or export, a side-effect import, `import(…)` and `typeof import(…)`. */
function specifiers(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/gm)) found.push(match[1]!);
  for (const match of text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)) found.push(match[1]!);
  for (const match of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(match[1]!);
  return found;
}

function readModules(): Map<string, Module> {
  const modules = new Map<string, Module>();
  for (const file of sourceFiles(SOURCE)) {
    const name = relative(SOURCE, file).replace(/\\/g, '/').replace(/\.ts$/, '');
    const module: Module = { name, local: [], external: [] };
    for (const specifier of specifiers(readFileSync(file, 'utf8'))) {
      if (!specifier.startsWith('.')) {
        module.external.push(specifier);
        continue;
      }
      const target = relative(SOURCE, resolve(dirname(file), specifier)).replace(/\\/g, '/');
      // Outside server/src (package.json): not a module of the layers.
      if (!target.startsWith('..')) module.local.push(target.replace(/\.(ts|js)$/, ''));
    }
    modules.set(name, module);
  }
  return modules;
}

/** Where a module stands in the core (its part's index in CORE_ORDER; a port between two parts; CORE_TOP for the core's own files), null outside the core. */
function coreRank(name: string): number | null {
  if (!name.startsWith('core/')) return null;
  const port = PORTS.get(name);
  if (port !== undefined) return port;
  const part = name.split('/')[1]!;
  const rank = CORE_ORDER.indexOf(part);
  return rank >= 0 ? rank : CORE_TOP;
}

/** Imports from a part of the core into a part after it. */
function upwardImports(of: ReadonlyMap<string, Module>): string[] {
  const wrong: string[] = [];
  for (const module of of.values()) {
    const rank = coreRank(module.name);
    if (rank === null) continue;
    for (const target of module.local) {
      const targetRank = coreRank(target);
      if (targetRank !== null && targetRank > rank) wrong.push(`${module.name} → ${target}`);
    }
  }
  return wrong;
}

/** Each cycle found by a depth-first walk, as the path that closes it. */
function importCycles(of: ReadonlyMap<string, Module>): string[] {
  const cycles: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (name: string): void => {
    state.set(name, 'visiting');
    path.push(name);
    for (const target of of.get(name)?.local ?? []) {
      if (state.get(target) === 'visiting') cycles.push([...path.slice(path.indexOf(target)), target].join(' → '));
      else if (!state.has(target)) visit(target);
    }
    path.pop();
    state.set(name, 'done');
  };
  for (const name of [...of.keys()].sort()) if (!state.has(name)) visit(name);
  return cycles;
}

const modules = readModules();

describe('layers (docs/architecture.md)', () => {
  it('reads the modules of server/src and their imports', () => {
    assert.ok(modules.size > 100, `${modules.size} modules`);
    assert.ok(modules.get('core/checks/reuse')?.local.includes('core/checks/lookup'), 'a relative import is resolved');
    for (const module of modules.values()) {
      for (const target of module.local) assert.ok(modules.has(target) || modules.has(`${target}/index`), `${module.name} imports ${target}, which is not a module of server/src`);
    }
  });

  it('keeps the core pure: nothing of node/, lsp/ or cli/, no node built-ins, no LSP, no vscode', () => {
    const wrong: string[] = [];
    for (const module of modules.values()) {
      if (coreRank(module.name) === null) continue;
      for (const target of module.local) if (coreRank(target) === null) wrong.push(`${module.name} → ${target}`);
      for (const target of module.external) {
        if (target.startsWith('node:') || /^(fs|path|os|url|worker_threads|child_process)(\/|$)/.test(target) || /^vscode/.test(target)) wrong.push(`${module.name} → ${target}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('imports only downwards inside the core (text → document → index → checks → features)', () => {
    assert.deepEqual(upwardImports(modules), []);
  });

  it('keeps node/ free of the server and the CLI, and the server and the CLI apart', () => {
    const forbidden: Record<string, string[]> = { node: ['lsp', 'cli'], lsp: ['cli'], cli: ['lsp'] };
    const wrong: string[] = [];
    for (const module of modules.values()) {
      const layer = module.name.split('/')[0]!;
      for (const target of module.local) if (forbidden[layer]?.includes(target.split('/')[0]!)) wrong.push(`${module.name} → ${target}`);
      if (layer !== 'lsp' && layer !== 'core') {
        for (const target of module.external) if (/^vscode-languageserver(\/|$)/.test(target)) wrong.push(`${module.name} → ${target}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('has no import cycles', () => {
    assert.deepEqual(importCycles(modules), []);
  });

  it('finds what it looks for: an upward import and a cycle are caught', () => {
    // The rules' own check, on made-up modules: a rule that can never fail asserts nothing.
    assert.equal(coreRank('core/text/fold'), 0);
    assert.equal(coreRank('core/settings'), CORE_TOP);
    assert.equal(coreRank('node/corpus'), null);
    assert.ok(coreRank('core/document/model')! < coreRank('core/checks/lookup')! && coreRank('core/checks/lookup')! < coreRank('core/index/precedentIndex')!, 'the port stands below the index');
    assert.deepEqual(specifiers("import type { A } from '../a';\nexport { B } from './b';\nconst c = await import('./c');\nimport './d';"), ['../a', './b', './d', './c']);
    const made = (name: string, ...local: string[]): [string, Module] => [name, { name, local, external: [] }];
    const upward = new Map([made('core/checks/a', 'core/features/b', 'core/text/c'), made('core/features/b'), made('core/text/c')]);
    assert.deepEqual(upwardImports(upward), ['core/checks/a → core/features/b']);
    const cyclic = new Map([made('node/a', 'node/b'), made('node/b', 'node/c'), made('node/c', 'node/a'), made('node/d', 'node/a')]);
    assert.deepEqual(importCycles(cyclic), ['node/a → node/b → node/c → node/a']);
  });
});
