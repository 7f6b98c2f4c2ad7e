// Diagnostics, pushed per draft after a short quiet time. A storm of edits never queues stale work: each
// change replaces the pending check of its document, a check reads the newest text when it runs, and a
// result is published with its version only if no newer version was published before.
//
// The precedent-reuse check asks the index one question per item: on a large library, a long draft opened for
// the first time takes longer than a request should wait. So a check publishes once if it is done within a
// short budget (the usual case: answers are remembered while the draft is edited), and otherwise publishes
// the structure warnings (numbering, duplicates) and the reuse found so far at once, then goes on in short
// slices between which requests are served, and publishes the whole set when done — unless the draft changed
// meanwhile (the newer version's check takes over).

import { checkContext, checkStructure, recurrenceOptions, withSeverities } from '../core/checks/checkDocument';
import type { Finding } from '../core/checks/finding';
import { itemsRecurrence } from '../core/checks/recurrence';
import { itemsReuse } from '../core/checks/reuse';
import { toDiagnostic } from './convert';
import type { ServerContext } from './context';
import { describeStartup, startupMark } from './startup';

const QUIET_MS = 150;
/** A check that finishes within this publishes once. */
const FIRST_BUDGET_MS = 60;
/** The slices of a longer check (the longest a request waits behind it). */
const SLICE_MS = 15;
/**
 * Items checked at once: enough for the index to answer them on two threads, few enough that a pace measured
 * on remembered answers cannot make a slice run long.
 */
const MAX_BATCH = 64;
const MIN_MS_PER_ITEM = 0.05;

export class DiagnosticsScheduler {
  private firstPublished = false;
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly published = new Map<string, number>();
  /** The reuse check's pace so far (ms per item), for how many items fit in a slice. */
  private reuseMsPerItem = 0.5;
  /** The unfinished check of each draft (a newer check of the draft replaces it). */
  private readonly running = new Map<string, object>();
  relatedInformation = true;
  /**
   * Checks wait for the client's settings (a severity turned off must never flash up); `settingsRead` runs those
   * asked for meanwhile. They do not wait for the library: precedent findings follow when it is read.
   */
  private waitingForSettings = true;

  constructor(private readonly context: ServerContext) {}

  settingsRead(): void {
    if (!this.waitingForSettings) return;
    this.waitingForSettings = false;
    this.scheduleAll();
  }

  schedule(uri: string, delay = QUIET_MS): void {
    clearTimeout(this.pending.get(uri));
    this.pending.set(uri, setTimeout(() => {
      this.pending.delete(uri);
      this.publish(uri);
    }, delay));
  }

  scheduleAll(): void {
    for (const document of this.context.documents.all()) this.schedule(document.uri, 0);
  }

  clear(uri: string): void {
    clearTimeout(this.pending.get(uri));
    this.pending.delete(uri);
    this.running.delete(uri);
    this.published.delete(uri);
    void this.context.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private publish(uri: string): void {
    if (this.waitingForSettings) return;
    const draft = this.context.draft(uri);
    if (!draft) return;
    const version = draft.text.version;
    if ((this.published.get(uri) ?? -Infinity) > version) return;
    const run = {};
    this.running.set(uri, run);
    const settings = this.context.settings();
    const index = this.context.library.precedents();
    const document = draft.document;
    let findings: Finding[];
    let next = 0;
    // The per-item questions: precedent reuse, and (when asked for) recurrence; both go in the same slices.
    const reuse = settings.diagnostics.precedentReuse;
    const recurring = settings.diagnostics.recurringRecommendation;
    const items = reuse || recurring ? document.items : [];
    /** Checks items for reuse and recurrence until `budget` ms have passed; false when a check failed (logged). */
    const reuseFor = (budget: number): boolean => this.guard(uri, () => {
      const end = performance.now() + budget;
      for (let left = budget; next < items.length && left > 0; left = end - performance.now()) {
        // As many items at once as the time left allows at the pace so far (a batch may be answered in parallel).
        const count = Math.max(1, Math.min(items.length - next, MAX_BATCH, Math.floor(left / this.reuseMsPerItem)));
        const start = performance.now();
        const batch = items.slice(next, next + count);
        if (reuse) for (const finding of itemsReuse(document, batch, index)) if (finding !== null) findings.push(finding);
        if (recurring) for (const finding of itemsRecurrence(document, batch, index, recurrenceOptions(settings))) if (finding !== null) findings.push(finding);
        this.reuseMsPerItem = Math.max(MIN_MS_PER_ITEM, (performance.now() - start) / count);
        next += count;
      }
    });
    if (!this.guard(uri, () => (findings = checkStructure(document, checkContext(index, settings, this.context.library.actionVerbs())))) || !reuseFor(FIRST_BUDGET_MS)) return;
    const send = (): void => {
      // Versions only grow; a check of an older version never overwrites a newer one's result.
      if ((this.published.get(uri) ?? -Infinity) > version) return;
      this.published.set(uri, version);
      const diagnostics = withSeverities(findings, settings).map((finding) => toDiagnostic(finding, this.relatedInformation, (id) => this.context.uriOf(id)));
      void this.context.connection.sendDiagnostics({ uri, version, diagnostics });
      // Once: how long a user waited for the first findings after the server started (the log's answer to "slow?").
      if (!this.firstPublished) {
        this.firstPublished = true;
        startupMark('first findings');
        this.context.log(`First findings (${uri.split('/').pop()}) ${Math.round(performance.now())} ms after the server started (${describeStartup()}; ${this.context.library.status().items} items in the library then).`);
      }
    };
    send();
    if (next === items.length) {
      this.running.delete(uri);
      return;
    }
    const slice = (): void => {
      if (this.running.get(uri) !== run || this.context.draft(uri)?.text.version !== version || this.context.library.precedents() !== index) {
        // Superseded: the draft or the library changed, and its own check is (or will be) scheduled.
        if (this.running.get(uri) === run) this.running.delete(uri);
        return;
      }
      if (!reuseFor(SLICE_MS)) return;
      if (next < items.length) {
        setImmediate(slice);
        return;
      }
      this.running.delete(uri);
      send();
    };
    setImmediate(slice);
  }

  private guard(uri: string, work: () => void): boolean {
    try {
      work();
      return true;
    } catch (error) {
      this.running.delete(uri);
      this.context.log(`Checking ${uri} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return false;
    }
  }
}
