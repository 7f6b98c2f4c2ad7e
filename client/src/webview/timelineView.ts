// The timeline webview's script (bundled to dist/timelineView.js, the only script its content security policy
// allows). It draws the chart the extension sends — a Vega-Lite spec built by the same core function as the HTML
// report's, in the colours of the current theme — with Vega's SVG renderer and its expression interpreter (no
// eval), redraws it when the theme changes, and tells the extension which precedent a click or a key opens.
// A list of the same marks below the chart is what the keyboard and screen readers use.

import * as vega from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile, type TopLevelSpec } from 'vega-lite';
import { timelineSpec, type ChartTheme } from '../../../server/src/core/features/timeline';
import type { TimelineResult } from '../../../server/src/lsp/protocol';

type Mark = TimelineResult['marks'][number];
interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();
const chart = document.getElementById('chart')!;
const list = document.getElementById('marks')!;
const heading = document.getElementById('title')!;
let current: TimelineResult | null = null;
let view: vega.View | null = null;
/** What the content security policy refused: reported with each drawing, so that editor tests see it. */
const refused: string[] = [];
document.addEventListener('securitypolicyviolation', (event) => refused.push(`${event.violatedDirective} ${event.blockedURI}`));

function theme(): ChartTheme {
  const style = getComputedStyle(document.body);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    foreground: read('--vscode-foreground', '#1f1f1f'),
    background: read('--vscode-editor-background', '#ffffff'),
    grid: read('--vscode-editorWidget-border', read('--vscode-panel-border', '#c8c8c8')),
    accent: read('--vscode-charts-blue', '#1a73e8'),
  };
}

function open(mark: Mark): void {
  api.postMessage({ type: 'open', uri: mark.uri, range: mark.range });
}

async function draw(): Promise<void> {
  view?.finalize();
  view = null;
  chart.replaceChildren();
  list.replaceChildren();
  if (!current) return;
  heading.textContent = current.marks.length === 0 ? `${current.title}: not asked at any occasion of the library` : current.title;
  if (current.marks.length === 0) {
    api.postMessage({ type: 'drawn', scope: current.scope, marks: 0, refused });
    return;
  }
  const spec = compile(timelineSpec(current, theme()) as unknown as TopLevelSpec).spec;
  view = new vega.View(vega.parse(spec, undefined, { ast: true }), { expr: expressionInterpreter, renderer: 'svg', container: chart, hover: true });
  view.addEventListener('click', (_event, item) => {
    const datum = (item as { datum?: Mark } | null | undefined)?.datum;
    if (datum?.uri) open(datum);
  });
  await view.runAsync();
  api.postMessage({ type: 'drawn', scope: current.scope, marks: chart.querySelectorAll('.mark-symbol.role-mark path').length, refused });
  for (const mark of current.marks) {
    const entry = document.createElement('li');
    const button = document.createElement('button');
    // Text only: corpus text never becomes markup.
    button.textContent = `${mark.occasion}, ${mark.percent} similar`;
    button.title = mark.quote;
    button.addEventListener('click', () => open(mark));
    entry.append(button, document.createTextNode(current.scope === 'draft' ? ` (for ${mark.row})` : ''));
    list.append(entry);
  }
}

window.addEventListener('message', (event: MessageEvent<{ type?: string; timeline?: TimelineResult }>) => {
  if (event.data?.type !== 'timeline' || !event.data.timeline) return;
  current = event.data.timeline;
  void draw();
});
for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-scope]')) {
  button.addEventListener('click', () => api.postMessage({ type: 'scope', scope: button.dataset.scope }));
}
// VS Code marks the theme on the body's class: redraw in the new colours.
new MutationObserver(() => void draw()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
api.postMessage({ type: 'ready' });
