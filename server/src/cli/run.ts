// Runs one parsed command: reads the settings, thesauri, corpus and files, asks the core, formats the answer.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { checkContext, checkDocument } from '../core/checks/checkDocument';
import type { RecDocument } from '../core/document/model';
import { draftPrecedentQuery, draftPrecedents, withRelatedness } from '../core/checks/lookup';
import { OCCASION_MATCH_LIMIT, recurrenceOf } from '../core/checks/occasions';
import { consistencyReport } from '../core/features/report';
import { compareOnIndex } from '../core/features/compare/comparison';
import { comparisonHtml } from '../core/features/compare/comparisonHtml';
import { comparisonMarkdownDocument } from '../core/features/compare/comparisonMarkdown';
import { comparisonRecord } from '../core/features/compare/record';
import { timeline, timelineSpec } from '../core/features/timeline';
import { PARALLEL_FROM } from '../core/index/precedentIndex';
import { readSettings, type PrecedentSettings } from '../core/settings';
import { createAnalyser } from '../core/text/analyser';
import { generalTermsOf } from '../core/text/generalTerms';
import { actionLevel } from '../core/text/actionLevel';
import { readActionVerbs } from '../node/actionVerbsFile';
import { readThesauri } from '../node/thesaurusFile';
import { bundledCheckWorkerScript } from '../node/corpusCheck';
import { commandLineCorpus } from '../node/corpusDefinition';
import { indexCorpus } from '../node/corpusIndex';
import { bundledWorkerScript, QuestionThread } from '../node/questionThread';
import { analyserKey, defaultCacheDir } from '../node/indexCache';
import { readDocument, type DocumentReadOptions } from '../node/documentFile';
import { bundledExtractWorkerScript, ExtractionThread, type Extractor } from '../node/extract/extractionThread';
import { extractedFolder } from '../node/extract/extractionCache';
import { findingRecords, formatFindingsJson, formatFindingsSarif, formatFindingsText, type CheckedFile } from './formatFindings';
import { formatHistoryJson, formatHistoryText, type HistoryFile } from './formatHistory';
import { formatSimilarJson, formatSimilarText, type SimilarQuery } from './formatSimilar';
import { formatCompareText } from './formatCompare';
import { InputError, UsageError, USAGE, type Command, type CommonOptions } from './usage';
import { runLibraryCommand } from './library';
import { connectionFrom, describeConnection, errorMessage } from '../node/library/connection';
import { LibraryReplica, type ReplicaEntry } from '../node/library/replica';
import type { CommandOutput } from './commandOutput';
import packageJson from '../../../package.json';

type Warn = (message: string) => void;

/** "Anything in common": the default floor of `similar`, so that unrelated items are not listed. */
const ANY_SIMILARITY = 1e-6;

export async function runCommand(command: Command, cwd: string, warn: Warn): Promise<CommandOutput> {
  if (command.kind === 'help') return { text: `${USAGE}\n`, exitCode: 0, outputFile: null };
  if (command.kind === 'version') return { text: `${packageJson.version}\n`, exitCode: 0, outputFile: null };
  if (command.kind === 'library') return runLibraryCommand(command, cwd, warn);

  const settings = readSettingsFile(command.common, cwd, warn);
  const actionVerbs = readActionVerbs(settings.actionVerbs.paths.map((path) => resolve(cwd, path)));
  for (const problem of actionVerbs.problems) warn(problem);
  // Extraction on its own thread: an untrusted file meets a memory cap and a time limit there.
  const extraction = new ExtractionThread(bundledExtractWorkerScript(), warn);
  const { index, displayPath, cacheDir } = await buildIndex(command.common, cwd, extraction.extract, warn);
  index.judgeGeneralTerms(generalTermsOf(index.queryAnalyser(), actionVerbs.verbs));
  const outputFile = command.common.output ? resolve(cwd, command.common.output) : null;
  const drafts = command.kind === 'similar' ? (command.file ? [command.file] : []) : command.kind === 'compare' ? [command.draft, command.earlier] : command.files;
  // The earlier document of `report --against` is read with the drafts, and taken off the end of the list.
  const against = command.kind === 'report' && command.against !== null ? [command.against] : [];
  const read = await readDrafts([...drafts, ...against], cwd, { extractedFolder: extractedFolder(cacheDir), extract: extraction.extract }, warn);
  void extraction.close();
  const earlier = against.length > 0 ? read.pop()!.document : null;
  const unreadable = read.some((draft) => draft.document === null) || (against.length > 0 && earlier === null);

  switch (command.kind) {
    case 'check': {
      const checked: CheckedFile[] = read.flatMap(({ display, document }) => document ? [{ displayPath: display, findings: checkDocument(document, checkContext(index, settings, actionVerbs.verbs)) }] : []);
      const records = findingRecords(checked, displayPath);
      const text = command.format === 'json' ? formatFindingsJson(records) : command.format === 'sarif' ? formatFindingsSarif(records, packageJson.version) : formatFindingsText(records);
      const failing = records.some((record) => record.severity === 'error' || record.severity === 'warning');
      return { text, exitCode: unreadable ? 2 : failing ? 1 : 0, outputFile };
    }
    case 'similar': {
      const minScore = command.minScore ?? ANY_SIMILARITY;
      // Occasions count precedents above the similarity threshold (or --min-score): "anything in common" is
      // enough to list a match, not to say the item was asked there.
      const occasionFloor = command.minScore ?? settings.similarity.threshold;
      let queries: SimilarQuery[];
      if (command.text !== null) {
        queries = [{ text: command.text, line: null, label: null, actionLevel: actionLevel(command.text, actionVerbs.verbs)?.level ?? null, matches: withRelatedness(index, command.text, index.query(command.text, { limit: command.top, minScore })), recurrence: recurrenceOf(index, command.text, { minScore: occasionFloor }) }];
      } else {
        const document = read[0]?.document;
        queries = document ? document.items.map((item) => {
          return {
            text: item.text,
            line: item.range.start.line,
            label: item.label || null,
            actionLevel: actionLevel(item.text, actionVerbs.verbs)?.level ?? null,
            matches: draftPrecedents(index, document, item.text, { limit: command.top, minScore }),
            recurrence: recurrenceOf(index, item.text, draftPrecedentQuery(document, { limit: OCCASION_MATCH_LIMIT, minScore: occasionFloor })),
          };
        }) : [];
      }
      const text = command.format === 'json' ? formatSimilarJson(queries, displayPath) : formatSimilarText(queries, displayPath);
      return { text, exitCode: unreadable ? 2 : 0, outputFile };
    }
    case 'history': {
      const files: HistoryFile[] = read.flatMap(({ display, document }) => document ? [{
        displayPath: display,
        document,
        items: document.items.map((item) => ({ item, recurrence: recurrenceOf(index, item.text, draftPrecedentQuery(document, { limit: OCCASION_MATCH_LIMIT, minScore: settings.similarity.threshold })) })),
      }] : []);
      const text = command.format === 'json' ? formatHistoryJson(files, displayPath) : formatHistoryText(files, displayPath);
      return { text, exitCode: unreadable ? 2 : 0, outputFile };
    }
    case 'report': {
      if (against.length > 0 && earlier === null) return { text: '', exitCode: 2, outputFile: null };
      const reports = read.flatMap(({ display, document }) => {
        if (!document) return [];
        const findings = checkDocument(document, checkContext(index, settings, actionVerbs.verbs));
        const changesSince = earlier === null ? undefined : comparisonRecord(compareOnIndex(index, document, earlier, settings.compare.threshold), displayPath);
        const markdown = consistencyReport({ document, displayName: display, findings, precedents: index, minScore: settings.similarity.threshold, displayPrecedent: displayPath, changesSince, actionVerbs: actionVerbs.verbs });
        return [{ document, markdown }];
      });
      if (command.format === 'markdown') return { text: reports.map((report) => report.markdown).join('\n---\n\n'), exitCode: unreadable ? 2 : 0, outputFile };
      const html = await reportHtmlModule().renderReportHtml(reports.map(({ document, markdown }) => {
        const chart = timeline(document, document.items, index, settings.similarity.threshold, 'draft');
        return { title: `Consistency report: ${document.metadata.title ?? document.id}`, markdown, timeline: chart.marks.length > 0 ? timelineSpec(chart) : null };
      }));
      return { text: html, exitCode: unreadable ? 2 : 0, outputFile };
    }
    case 'compare': {
      const [draft, previous] = read.map((entry) => entry.document);
      // Exit 2 with the reason already on stderr (readDrafts named the file).
      if (!draft || !previous) return { text: '', exitCode: 2, outputFile: null };
      const record = comparisonRecord(compareOnIndex(index, draft, previous, settings.compare.threshold), displayPath);
      const text = command.format === 'json' ? `${JSON.stringify(record, null, 2)}\n`
        : command.format === 'markdown' ? comparisonMarkdownDocument(record)
        : command.format === 'html' ? comparisonHtml(record, { mode: 'standalone' })
        : formatCompareText(record);
      return { text, exitCode: 0, outputFile };
    }
  }
}

/** dist/reportHtml.js, beside this bundle: markdown-it and Vega load only for an HTML report. */
function reportHtmlModule(): typeof import('../node/reportHtml') {
  return createRequire(__filename)(join(__dirname, 'reportHtml.js')) as typeof import('../node/reportHtml');
}

function readSettingsFile(common: CommonOptions, cwd: string, warn: Warn): PrecedentSettings {
  if (!common.settingsFile) return readSettings(undefined).settings;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(resolve(cwd, common.settingsFile), 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read settings ${common.settingsFile}: ${error instanceof Error ? error.message : String(error)}`);
  }
  // Accept VS Code's flat keys ("precedent.duplicates.threshold") as well as a nested `precedent` object.
  const flat = Object.entries((raw ?? {}) as Record<string, unknown>).filter(([key]) => key.startsWith('precedent.'));
  const nested: Record<string, unknown> = { ...(((raw as Record<string, unknown>)?.precedent as Record<string, unknown>) ?? {}) };
  for (const [key, value] of flat) setPath(nested, key.slice('precedent.'.length).split('.'), value);
  const { settings, problems } = readSettings(nested);
  for (const problem of problems) warn(problem);
  return settings;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  // "precedent.__proto__.x" in a settings file (a repository's .vscode/settings.json, say) must not reach Object.prototype.
  if (path.some((key) => key === '__proto__' || key === 'constructor' || key === 'prototype')) return;
  let node = target;
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[path[path.length - 1]!] = value;
}

async function buildIndex(common: CommonOptions, cwd: string, extract: Extractor, warn: Warn) {
  const thesauri = readThesauri(common.thesauri.map((path) => resolve(cwd, path)));
  for (const problem of thesauri.problems) warn(problem);
  // The persisted index: in the user cache folder by default (the CLI runs from any folder, in CI too, and a
  // project need not have node_modules); --cache DIR elsewhere, --no-cache for none.
  const cacheDir = cacheDirOf(common, cwd);
  const library = common.db === null ? null : await sharedLibrary(common.db, cacheDir);
  const definition = commandLineCorpus(common.corpus, common.seeds, cwd);
  const corpus = await indexCorpus({
    ...definition,
    analyser: createAnalyser(thesauri.thesaurus), analyserKey: analyserKey(thesauri.thesaurus), cacheDir,
    checkWorker: bundledCheckWorkerScript(),
    extract,
    extraDocuments: library?.entries,
    // A run after a few changes (a library's new documents) parses them again next time rather than rewrite the
    // whole persisted index (seconds for 100,000 items); changes past 2% of the documents are written.
    persistFrom: 0.02,
    // The shared library's documents are in the persisted index too: one persisted index per library.
    scope: library === null ? definition.scope : JSON.stringify({ corpus: definition.scope, library: library.name }),
  });
  const index = corpus.index;
  // A large library: a long draft's reuse questions are answered on two threads (the second one started now).
  if (index.stats().items >= PARALLEL_FROM.items) {
    const thread = new QuestionThread(bundledWorkerScript(), warn);
    if (await thread.ready()) index.useHelper(thread);
  }
  for (const skipped of corpus.skipped) warn(`skipped corpus ${skipped.path}: ${skipped.reason}`);
  // A cache that could not be used for a reason other than its absence is worth a line (it is rebuilt).
  if (corpus.cache.file !== null && !corpus.cache.used && !corpus.cache.missing) warn(`index cache not used (${corpus.cache.reason}); rebuilt`);
  if (corpus.cache.writeError !== null) warn(`index cache ${corpus.cache.writeError}`);
  const displayPath = (id: string) => {
    const path = relative(cwd, id);
    return path.startsWith('..') || isAbsolute(path) ? id : path;
  };
  return { index, displayPath, cacheDir };
}

/**
 * The shared library's documents (`--db`), kept as the server keeps them: a replica in the cache folder brought up
 * to date by fetching only the changes after its last sequence number, its documents indexed beside the corpus
 * folders' (ids `library:<id>/<file name>`) and kept in the persisted index by content hash, so that a run after
 * an unchanged library parses nothing. An unreachable library, or one at another schema version, is bad input
 * (exit 2), not an empty corpus.
 */
async function sharedLibrary(db: string, cacheDir: string | null): Promise<{ name: string; entries: ReplicaEntry[] }> {
  const connection = { ...connectionFrom(db), applicationName: 'precedent' };
  const replica = new LibraryReplica({
    connection, cacheDir, log: () => {}, onChange: () => {}, originals: false,
    documentId: (id, fileName) => `library:${id}/${fileName}`,
  });
  try {
    await replica.syncOnce();
  } catch (error) {
    throw new InputError(errorMessage(error));
  }
  return { name: describeConnection(connection), entries: replica.entries() };
}

function cacheDirOf(common: CommonOptions, cwd: string): string | null {
  return common.cache === undefined ? defaultCacheDir() : common.cache === null ? null : resolve(cwd, common.cache);
}

async function readDrafts(files: readonly string[], cwd: string, options: DocumentReadOptions, warn: Warn): Promise<{ display: string; document: RecDocument | null }[]> {
  const drafts: { display: string; document: RecDocument | null }[] = [];
  for (const file of files) {
    const result = await readDocument(resolve(cwd, file), resolve(cwd, file), options);
    if (!result.ok) warn(`cannot read ${file}: ${result.reason}`);
    drafts.push({ display: file, document: result.ok ? result.document : null });
  }
  return drafts;
}
