// Remembered answers: a draft's diagnostics ask the same questions after every edit of the draft. An answer
// stays right while the rarity weights and the query analyser are the same and only documents the question
// excludes have changed since (the document of each of the last changes is logged).
import type { PrecedentMatch, PrecedentQuery } from '../checks/lookup';
import type { Analyser } from '../text/analyser';
import { ownCopy } from './textKey';

/** Remembered query answers, cleared when full. */
const ANSWER_CACHE = 8192;

/** A remembered query answer, valid while `stillValid` says so. */
interface Answer {
  matches: PrecedentMatch[];
  change: number;
  generation: number;
  analyser: Analyser | null;
}

export class AnswerCache {
  /** Changes so far, and the document of each of the last ones. */
  private changeCount = 0;
  private readonly changeLog: string[] = new Array(1024).fill('');
  private readonly answers = new Map<string, Answer>();

  /** A change of the document `id` ('' for a change of many). */
  changed(id: string): void {
    this.changeLog[this.changeCount % this.changeLog.length] = id;
    this.changeCount++;
  }

  keyOf(text: string, options: PrecedentQuery, limit: number): string {
    return `${limit}\u0000${options.minScore ?? 0}\u0000${options.draftDate ?? ''}\u0000${options.excludeDocuments ? [...options.excludeDocuments].sort().join('\u0001') : ''}\u0000${text}`;
  }

  /** The remembered answer (a copy) if it still holds for these rarity weights and query analyser. */
  get(key: string, generation: number, analyser: Analyser | null, exclude: ReadonlySet<string> | undefined): PrecedentMatch[] | undefined {
    const answer = this.answers.get(key);
    return answer !== undefined && this.stillValid(answer, generation, analyser, exclude) ? answer.matches.slice() : undefined;
  }

  /** Remembers an answer; returns a copy of it. */
  remember(key: string, matches: PrecedentMatch[], generation: number, analyser: Analyser | null): PrecedentMatch[] {
    if (this.answers.size >= ANSWER_CACHE) this.answers.clear();
    this.answers.set(ownCopy(key), { matches, change: this.changeCount, generation, analyser });
    return matches.slice();
  }

  /** Whether a remembered answer still holds: same weights and analyser, no change outside its exclusions. */
  private stillValid(answer: Answer, generation: number, analyser: Analyser | null, exclude: ReadonlySet<string> | undefined): boolean {
    if (answer.generation !== generation || answer.analyser !== analyser) return false;
    if (answer.change === this.changeCount) return true;
    if (this.changeCount - answer.change > this.changeLog.length) return false;
    for (let c = answer.change; c < this.changeCount; c++) {
      if (!exclude?.has(this.changeLog[c % this.changeLog.length]!)) return false;
    }
    return true;
  }
}
