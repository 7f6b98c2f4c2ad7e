// The comparison as an HTML page: `precedent compare --format html` (a standalone file) and the VS Code view
// (a webview: the editor's theme colours, a strict Content-Security-Policy, links that ask the extension to open
// an item at its line, and a button that opens a reworded pair in the diff editor). Counts first, then the items
// side by side in the draft's order, the earlier words on the left, the draft's on the right, removed and added
// words highlighted. Every text from the documents is escaped: it can never become markup.

import { similarityPercent } from '../../document/provenance';
import { CHANGE_CLASSES } from './comparison';
import { documentAbout, headingsBefore, pairNotes, shownLabel, type ComparedDocumentRecord, type ComparedItemRecord, type ComparisonPairRecord, type ComparisonRecord } from './record';
import type { WordChange } from './wordDiff';

export type ComparisonHtmlOptions =
  | { mode: 'standalone' }
  /** `nonce` allows the page's one style and one script; nothing else may load or run. */
  | { mode: 'webview'; nonce: string };

/** Messages the webview's script posts to the extension. */
export type ComparisonViewMessage = { kind: 'open'; side: 'draft' | 'earlier'; pair: number } | { kind: 'diff'; pair: number };

export function comparisonHtml(record: ComparisonRecord, options: ComparisonHtmlOptions): string {
  const webview = options.mode === 'webview';
  const title = `Changes since ${record.earlier.title ?? record.earlier.file}`;
  const nonce = webview ? ` nonce="${escapeHtml(options.nonce)}"` : '';
  const csp = webview
    ? `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${escapeHtml(options.nonce)}'; script-src 'nonce-${escapeHtml(options.nonce)}';">`
    : `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">`;
  const rows: string[] = [];
  const headings = headingsBefore(record.pairs);
  record.pairs.forEach((pair, k) => {
    const heading = headings[k];
    if (heading) rows.push(`<tr class="section"><th colspan="3">${escapeHtml(heading)}</th></tr>`);
    rows.push(pairRow(pair, k, webview));
  });
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
${csp}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style${nonce}>${styles(webview)}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<dl class="documents">
<dt>Draft</dt><dd>${describeDocument(record.draft)}</dd>
<dt>Earlier</dt><dd>${describeDocument(record.earlier)}</dd>
</dl>
<table class="counts"><tr>${CHANGE_CLASSES.map((cls) => `<th class="${cls}">${cls}</th>`).join('')}</tr>
<tr>${CHANGE_CLASSES.map((cls) => `<td class="${cls}">${record.counts[cls]}</td>`).join('')}</tr></table>
<p class="threshold">Items are paired from ${similarityPercent(record.threshold)} similarity. Left: ${escapeHtml(shownFile(record.earlier.file))}; right: ${escapeHtml(shownFile(record.draft.file))}.</p>
<table class="pairs">
<colgroup><col class="class"><col><col></colgroup>
<thead><tr><th>Change</th><th>Earlier</th><th>Draft</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
${webview ? `<script${nonce}>${SCRIPT}</script>` : ''}
</body>
</html>
`;
}

function pairRow(pair: ComparisonPairRecord, k: number, webview: boolean): string {
  const notes = pairNotes(pair).map((note) => `<div class="note">${escapeHtml(note)}</div>`).join('');
  const score = pair.score === null ? '' : ` <span class="score">${similarityPercent(pair.score)}</span>`;
  const button = webview && pair.class === 'reworded' ? `<button data-diff="${k}" title="Open the two items in the diff editor">Diff</button>` : '';
  const showDiff = pair.diff !== null && pair.class !== 'unchanged';
  const cell = (item: ComparedItemRecord | null, side: 'draft' | 'earlier') => {
    if (item === null) return '<td class="empty"></td>';
    const body = showDiff ? diffHtml(pair.diff!, side === 'draft' ? 'added' : 'removed') : escapeHtml(item.text);
    return `<td>${itemLink(item, side, k, webview)} ${body}</td>`;
  };
  return `<tr class="${pair.class}" id="pair-${k}"><td class="class"><span class="badge ${pair.class}">${pair.class}</span>${score}${notes}${button}</td>${cell(pair.earlier, 'earlier')}${cell(pair.draft, 'draft')}</tr>`;
}

function itemLink(item: ComparedItemRecord, side: 'draft' | 'earlier', k: number, webview: boolean): string {
  const text = `${shownLabel(item) ? `${escapeHtml(shownLabel(item))} ` : ''}line ${item.line}${item.page === null ? '' : `, p. ${item.page}`}`;
  // In the webview the extension opens the item (the script posts the pair); a standalone page links the file.
  const href = webview ? '#' : escapeHtml(encodeURI(item.file));
  const data = webview ? ` data-open="${side}" data-pair="${k}"` : '';
  return `<a class="place" href="${href}"${data} title="Open ${escapeHtml(item.file)} at line ${item.line}">${text}</a>`;
}

/** One side of a word diff: kept words and this side's changed words (`mark` is the op that side shows). */
function diffHtml(diff: readonly WordChange[], mark: 'added' | 'removed'): string {
  return diff.filter((change) => change.op === 'kept' || change.op === mark)
    .map((change) => (change.op === 'kept' ? escapeHtml(mark === 'removed' ? change.was ?? change.text : change.text) : `<${mark === 'added' ? 'ins' : 'del'}>${escapeHtml(change.text)}</${mark === 'added' ? 'ins' : 'del'}>`))
    .join('');
}

function describeDocument(document: ComparedDocumentRecord): string {
  const about = documentAbout(document);
  return `${escapeHtml(about || shownFile(document.file))} <span class="file">(${escapeHtml(shownFile(document.file))}, ${document.items} items)</span>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

// The webview's script: every link and button posts which pair it belongs to; the extension does the rest.
const SCRIPT = `const vscode = acquireVsCodeApi();
document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('[data-open],[data-diff]') : null;
  if (!target) return;
  event.preventDefault();
  if (target.hasAttribute('data-diff')) vscode.postMessage({ kind: 'diff', pair: Number(target.getAttribute('data-diff')) });
  else vscode.postMessage({ kind: 'open', side: target.getAttribute('data-open'), pair: Number(target.getAttribute('data-pair')) });
});`;

/** Theme-aware in the webview (VS Code's colour variables), plain light/dark colours in a standalone page. */
function styles(webview: boolean): string {
  const colour = (name: string, fallback: string) => (webview ? `var(--vscode-${name}, ${fallback})` : fallback);
  return `
body { font-family: ${webview ? 'var(--vscode-font-family, system-ui, sans-serif)' : 'system-ui, sans-serif'}; color: ${colour('foreground', '#1f1f1f')}; background: ${colour('editor-background', '#ffffff')}; margin: 1em 2em; line-height: 1.45; }
h1 { font-size: 1.4em; font-weight: 600; }
.documents dt { font-weight: 600; float: left; width: 5em; clear: left; }
.documents dd { margin-left: 5.5em; }
.file, .threshold, .score, .note { color: ${colour('descriptionForeground', '#616161')}; }
table.counts { border-collapse: collapse; margin: 1em 0; }
table.counts th, table.counts td { padding: 0.2em 0.9em; text-align: center; border: 1px solid ${colour('panel-border', '#d0d0d0')}; }
table.counts td { font-size: 1.3em; font-weight: 600; }
table.pairs { border-collapse: collapse; width: 100%; table-layout: fixed; }
table.pairs col.class { width: 10em; }
table.pairs th, table.pairs td { vertical-align: top; text-align: left; padding: 0.4em 0.6em; border-bottom: 1px solid ${colour('panel-border', '#e0e0e0')}; }
table.pairs td.class .note { font-size: 0.85em; }
table.pairs td { overflow-wrap: anywhere; }
tr.section th { padding-top: 1.2em; font-size: 1.05em; }
.badge { display: inline-block; padding: 0 0.45em; border-radius: 0.6em; font-size: 0.85em; border: 1px solid currentColor; }
.badge.reworded, .badge.merged, .badge.split { color: ${colour('charts-blue', '#1a66c2')}; }
.badge.new { color: ${colour('charts-green', '#2a8a3e')}; }
.badge.dropped { color: ${colour('charts-red', '#c62828')}; }
.badge.unchanged { color: ${colour('descriptionForeground', '#616161')}; }
ins { background: ${colour('diffEditor-insertedTextBackground', 'rgba(46, 160, 67, 0.25)')}; text-decoration: none; }
del { background: ${colour('diffEditor-removedTextBackground', 'rgba(248, 81, 73, 0.25)')}; }
a.place { color: ${colour('textLink-foreground', '#1a66c2')}; font-size: 0.85em; text-decoration: none; }
a.place:hover { text-decoration: underline; }
button { margin-top: 0.3em; display: block; color: ${colour('button-foreground', '#ffffff')}; background: ${colour('button-background', '#1a66c2')}; border: none; padding: 0.15em 0.6em; cursor: pointer; }
${webview ? '' : '@media (prefers-color-scheme: dark) { body { color: #e0e0e0; background: #1e1e1e; } .file, .threshold, .score, .note { color: #a0a0a0; } }'}
`;
}

/** A file as a reader knows it: a URI (the editor's comparison) by its name; a path (the CLI's) as it is. */
function shownFile(file: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) return file;
  const name = file.replace(/[?#].*$/, '').split('/').pop() ?? file;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
