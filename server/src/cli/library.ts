// `precedent library init|add|remove|list|export`: the librarian's commands on the shared library in
// PostgreSQL. Files are read by the same code as a corpus folder's (every format the corpus accepts);
// messages name the database without its password.

import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { listCorpus } from '../node/corpusFiles';
import { bundledExtractWorkerScript, ExtractionThread } from '../node/extract/extractionThread';
import { fingerprintFile } from '../node/indexCache';
import { connect, connectionFrom, describeConnection, errorMessage, redactText, type LibraryConnection } from '../node/library/connection';
import { initLibrary, libraryVersion, schemaProblem, SCHEMA_VERSION } from '../node/library/schema';
import { addFile, findDocument, listDocuments, originalOf, removeDocument, safeFileName, type LibraryEntry } from '../node/library/store';
import type { CommandOutput } from './commandOutput';
import type { Command } from './usage';

type Warn = (message: string) => void;
type LibraryCommand = Extract<Command, { kind: 'library' }>;

export async function runLibraryCommand(command: LibraryCommand, cwd: string, warn: Warn): Promise<CommandOutput> {
  const connection: LibraryConnection = { ...connectionFrom(command.db), applicationName: `precedent library ${command.action}` };
  let client;
  try {
    client = await connect(connection);
  } catch (error) {
    warn(errorMessage(error));
    return { text: '', exitCode: 2, outputFile: null };
  }
  const where = describeConnection(connection);
  try {
    if (command.action === 'init') {
      const result = await initLibrary(client);
      if (result.version > SCHEMA_VERSION) warn(`${where}: library schema is version ${result.version}, newer than this Precedent's ${SCHEMA_VERSION}: left as it is; update Precedent.`);
      const roles = result.rolesCreated.length > 0 ? `; created roles ${result.rolesCreated.join(', ')}` : '';
      const applied = result.applied.length > 0 ? `applied migrations ${result.applied.join(', ')}` : 'already up to date';
      return ok(`Library at ${where}: schema version ${result.version}, ${applied}${roles}.\n`);
    }
    const problem = schemaProblem(await libraryVersion(client));
    if (problem !== null) {
      warn(`${where}: ${problem}.`);
      return { text: '', exitCode: 2, outputFile: null };
    }
    switch (command.action) {
      case 'add':
        return await add(client, command, cwd, warn);
      case 'remove':
        return await remove(client, command.args, cwd, warn);
      case 'list': {
        const entries = await listDocuments(client);
        return ok(command.format === 'json' ? `${JSON.stringify(entries, null, 2)}\n` : formatList(entries));
      }
      case 'export':
        return await exportTo(client, resolve(cwd, command.args[0]!), warn);
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    // 42501: insufficient_privilege — a rapporteur's read-only role trying to write.
    const hint = code === '42501' ? ' (this role may only read the library: librarians are granted precedent_librarian)' : '';
    warn(`library ${command.action} failed on ${where}: ${redactText(errorMessage(error), connection)}${hint}`);
    return { text: '', exitCode: 2, outputFile: null };
  } finally {
    await client.end().catch(() => {});
  }
  return ok('');
}

function ok(text: string): CommandOutput {
  return { text, exitCode: 0, outputFile: null };
}

async function add(client: Awaited<ReturnType<typeof connect>>, command: LibraryCommand, cwd: string, warn: Warn): Promise<CommandOutput> {
  const { files, problems } = await listCorpus([{ paths: command.args, baseDir: cwd }]);
  for (const problem of problems) warn(`skipped ${problem.path}: ${problem.reason}`);
  const extraction = new ExtractionThread(bundledExtractWorkerScript(), warn);
  const lines: string[] = [];
  let added = 0;
  let items = 0;
  let skipped = problems.length;
  const started = performance.now();
  try {
    for (const file of files) {
      const result = await addFile(client, file, command.overrides, extraction.extract);
      if (result.status === 'added') {
        added++;
        items += result.items;
        lines.push(`added ${result.fileName}: library id ${result.id}, ${result.items} items`);
      } else if (result.status === 'present') {
        lines.push(`already in the library: ${file} (library id ${result.id}, ${result.fileName})`);
      } else {
        skipped++;
        warn(`skipped ${file}: ${result.reason}`);
      }
    }
  } finally {
    void extraction.close();
  }
  const seconds = (performance.now() - started) / 1000;
  lines.push(`${added} documents added (${items} items) in ${seconds.toFixed(2)} s${skipped > 0 ? `; ${skipped} skipped` : ''}.`);
  return { text: `${lines.join('\n')}\n`, exitCode: skipped > 0 ? 2 : 0, outputFile: null };
}

async function remove(client: Awaited<ReturnType<typeof connect>>, names: string[], cwd: string, warn: Warn): Promise<CommandOutput> {
  const hashOfFile = (name: string) => {
    const path = resolve(cwd, name);
    if (!existsSync(path)) return null;
    const read = fingerprintFile(path, Number.MAX_SAFE_INTEGER);
    return read.ok ? read.fingerprint.hash : null;
  };
  const lines: string[] = [];
  let missing = 0;
  for (const name of names) {
    const entry = await findDocument(client, name, hashOfFile);
    if (entry === null || !(await removeDocument(client, entry.id))) {
      missing++;
      warn(`not in the library: ${name}`);
      continue;
    }
    lines.push(`removed ${entry.fileName} (library id ${entry.id})`);
  }
  return { text: lines.length > 0 ? `${lines.join('\n')}\n` : '', exitCode: missing > 0 ? 2 : 0, outputFile: null };
}

/** Writes every original file into `dir`, under its own name (prefixed by its library id when names clash). */
async function exportTo(client: Awaited<ReturnType<typeof connect>>, dir: string, warn: Warn): Promise<CommandOutput> {
  mkdirSync(dir, { recursive: true });
  const entries = await listDocuments(client);
  const counts = new Map<string, number>();
  for (const entry of entries) counts.set(entry.fileName, (counts.get(entry.fileName) ?? 0) + 1);
  let written = 0;
  for (const entry of entries) {
    // One original in memory at a time: a library's PDFs together may not fit.
    const bytes = await originalOf(client, entry.id);
    if (bytes === null) continue;
    const name = counts.get(entry.fileName)! > 1 ? `${entry.id}-${entry.fileName}` : entry.fileName;
    try {
      writeFileSync(join(dir, safeFileName(name)), bytes);
      written++;
    } catch (error) {
      warn(`cannot write ${name}: ${errorMessage(error)}`);
    }
  }
  return ok(`exported ${written} documents to ${dir}\n`);
}

function formatList(entries: LibraryEntry[]): string {
  if (entries.length === 0) return 'The library is empty.\n';
  const lines = entries.map((e) => `${String(e.id).padStart(4)}  ${e.fileName}  ${[e.country, e.forum, e.date].filter(Boolean).join(' · ') || '(no metadata)'}  ${e.items} items  added by ${e.addedBy} ${e.addedAt}`);
  const items = entries.reduce((sum, e) => sum + e.items, 0);
  return `${lines.join('\n')}\n${entries.length} documents, ${items} items.\n`;
}
