// The timeline webview's page, apart from the `vscode` API so that a browser test loads the very same page: its
// script by nonce, styles inline, nothing else at all (no eval, no remote script, font or data).

export interface TimelinePageOptions {
  /** The webview's `cspSource` (where its own resources come from). */
  cspSource: string;
  /** The URI of dist/timelineView.js as the webview loads it. */
  script: string;
  nonce: string;
}

export function timelinePage({ cspSource, script, nonce }: TimelinePageOptions): string {
  const csp = [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src ${cspSource} 'unsafe-inline'`, `img-src ${cspSource} data:`].join('; ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Precedent Timeline</title>
<style>
  body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); padding: 0 1rem; }
  nav button, li button { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); border: 1px solid var(--vscode-button-border, transparent); padding: .2rem .6rem; cursor: pointer; }
  nav button:focus-visible, li button:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
  ul { padding-left: 1rem; } li { margin: .2rem 0; }
  #chart { overflow-x: auto; }
</style>
</head>
<body>
<h1 id="title" style="font-size: 1.1rem">Precedent Timeline</h1>
<nav aria-label="Scope"><button type="button" data-scope="item">This item</button> <button type="button" data-scope="draft">Whole draft</button></nav>
<div id="chart" role="img" aria-label="Timeline chart: one mark per earlier occasion"></div>
<h2 style="font-size: 1rem">Occasions</h2>
<ul id="marks" aria-label="Occasions: each opens its precedent"></ul>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
