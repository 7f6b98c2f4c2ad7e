// The consistency report as one HTML file a reviewer can mail: the Markdown report rendered (markdown-it, raw
// HTML off: the report's corpus text is escaped already, and any HTML in it stays text), and the draft's timeline
// drawn as inline SVG by Vega-Lite (no script, no remote resource). A bundle of its own (dist/reportHtml.js):
// only `report --format html` loads these libraries.

import MarkdownIt from 'markdown-it';
import * as vega from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile, type TopLevelSpec } from 'vega-lite';

export interface HtmlReport {
  title: string;
  markdown: string;
  /** The draft's timeline (a Vega-Lite spec), or null when no item was asked before. */
  timeline: Record<string, unknown> | null;
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem;color:#1f1f1f}
table{border-collapse:collapse}th,td{border:1px solid #d0d0d0;padding:.25rem .5rem;vertical-align:top}
code{background:#f3f3f3;padding:0 .2rem}figure{margin:1.5rem 0;overflow-x:auto}figcaption{color:#555}`;

export async function renderReportHtml(reports: readonly HtmlReport[]): Promise<string> {
  const markdown = new MarkdownIt({ html: false, linkify: false });
  const bodies: string[] = [];
  for (const report of reports) {
    const chart = report.timeline === null ? '' : `<figure>${await timelineSvg(report.timeline)}<figcaption>When each item was asked before: one mark per earlier occasion, larger and darker the closer its wording.</figcaption></figure>\n`;
    bodies.push(`<article>\n${markdown.render(report.markdown)}${chart}</article>`);
  }
  const title = reports.length === 1 ? reports[0]!.title : 'Consistency reports';
  return `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">\n<title>${escapeHtml(title)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n${bodies.join('\n<hr>\n')}\n</body>\n</html>\n`;
}

/** A Vega-Lite spec drawn as SVG in Node: no canvas, no DOM; expressions interpreted, never compiled to code. */
export async function timelineSvg(spec: Record<string, unknown>): Promise<string> {
  const compiled = compile(spec as unknown as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled, undefined, { ast: true }), { renderer: 'none', expr: expressionInterpreter });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
