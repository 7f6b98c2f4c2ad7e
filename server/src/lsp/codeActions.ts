// Code actions: renumber a list (the quick fix of every numbering and marker diagnostic), renumber the
// whole draft (fix-all), remove a duplicate item, replace an item with a precedent's wording, and convert
// a list between bullets and numbers.

import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver/node';
import { isNumberingCode, type FindingCode } from '../core/checks/finding';
import { labelFamily } from '../core/document/labels';
import type { Item, RecDocument } from '../core/document/model';
import { itemAt } from '../core/features/itemAt';
import { shortSource, similarityPercent } from '../core/document/provenance';
import { convertListEdits, renumberEdits } from '../core/features/renumber';
import { DIAGNOSTIC_SOURCE } from './convert';
import type { ServerContext } from './context';
import { closestPrecedents } from './precedents';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.precedent`;
const REPLACEMENTS = 3;
/** Characters of a precedent's wording quoted in a quick-fix title. */
const TITLE_WORDS = 70;

export function provideCodeActions(context: ServerContext, params: CodeActionParams): CodeAction[] {
  const draft = context.draft(params.textDocument.uri);
  if (!draft) return [];
  const { document } = draft;
  const uri = params.textDocument.uri;
  const style = context.settings().numbering.style;
  const edit = (edits: TextEdit[]) => ({ changes: { [uri]: edits } });
  const wants = (kind: string) => !params.context.only || params.context.only.some((only) => kind === only || kind.startsWith(`${only}.`));
  const actions: CodeAction[] = [];

  const ours = params.context.diagnostics.filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE);
  if (wants(CodeActionKind.QuickFix)) {
    const renumbered = new Set<number>();
    for (const diagnostic of ours) {
      const code = diagnostic.code as FindingCode;
      const data = diagnostic.data as { list?: number; item?: number } | undefined;
      if (isNumberingCode(code) && typeof data?.list === 'number' && !renumbered.has(data.list)) {
        renumbered.add(data.list);
        const edits = renumberEdits(document, style, data.list);
        if (edits.length > 0) actions.push({ title: 'Renumber this list', kind: CodeActionKind.QuickFix, diagnostics: diagnosticsOfList(ours, data.list), isPreferred: true, edit: edit(edits) });
      }
      if (code === 'duplicate-item' && typeof data?.item === 'number') {
        const item = document.items[data.item];
        if (item) actions.push({ title: `Remove duplicate item ${item.label}`.trim(), kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: edit([removeItem(document, item)]) });
      }
    }
  }

  const fixAll = renumberEdits(document, style);
  if (fixAll.length > 0) {
    // Fix-all is offered as a source action only when asked for by kind (on save, "Fix All"), as ESLint does,
    // so that a client listing every kind does not show the same action twice.
    const explicitFixAll = params.context.only?.some((only) => FIX_ALL_KIND === only || FIX_ALL_KIND.startsWith(`${only}.`)) ?? false;
    if (explicitFixAll) actions.push({ title: 'Renumber all lists in the document', kind: FIX_ALL_KIND, edit: edit(fixAll) });
    else if (wants(CodeActionKind.QuickFix) && ours.some((diagnostic) => isNumberingCode(diagnostic.code as FindingCode))) {
      actions.push({ title: 'Renumber all lists in the document', kind: CodeActionKind.QuickFix, edit: edit(fixAll) });
    }
  }

  const item = itemAt(document, params.range.start);
  if (item && wants(CodeActionKind.RefactorRewrite)) {
    for (const match of closestPrecedents(context, document, item.text, REPLACEMENTS)) {
      if (match.item.text === item.text || match.loose) continue;
      actions.push({
        // The source as people name it and the words it would put in: the choice can be made from the menu alone.
        title: `Use the wording of ${shortSource(match.document, match.item)} (${similarityPercent(match.score)}): “${shortened(match.item.text, TITLE_WORDS)}”`,
        kind: CodeActionKind.RefactorRewrite,
        edit: edit([{ range: { start: item.labelRange.end.character > item.labelRange.start.character ? { line: item.labelRange.end.line, character: item.labelRange.end.character + 1 } : item.range.start, end: item.range.end }, newText: match.item.text }]),
      });
    }
    if (item.list >= 0) {
      const family = labelFamily(item.marker.kind);
      const to = family === 'bullet' ? 'numbers' : 'bullets';
      const edits = convertListEdits(document, item.list, to);
      if (edits.length > 0) actions.push({ title: to === 'numbers' ? 'Convert list to numbers' : 'Convert list to bullets', kind: CodeActionKind.RefactorRewrite, edit: edit(edits) });
    }
  }
  return actions;
}

function diagnosticsOfList(diagnostics: readonly Diagnostic[], list: number): Diagnostic[] {
  return diagnostics.filter((diagnostic) => (diagnostic.data as { list?: number } | undefined)?.list === list);
}

/** Deletes the item's whole lines, and the blank line after it when there is one, so no gap is left. */
function removeItem(document: RecDocument, item: Item): TextEdit {
  const next = document.items[item.index + 1];
  const endLine = next && next.range.start.line > item.range.end.line + 1 && next.section === item.section ? item.range.end.line + 2 : item.range.end.line + 1;
  const start = { line: item.range.start.line, character: 0 };
  // On the document's last line there is no next line to delete up to: clear the line instead.
  const end = endLine >= document.lineCount ? item.range.end : { line: endLine, character: 0 };
  return { range: { start, end }, newText: '' };
}

/** The first `length` characters of a text, cut between words. */
function shortened(text: string, length: number): string {
  if (text.length <= length) return text;
  const cut = text.slice(0, length);
  const space = cut.lastIndexOf(' ');
  return `${(space > length / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}
