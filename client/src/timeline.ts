// Precedent: Show Precedent Timeline — a webview chart of when the item at the cursor (or, from elsewhere in the
// draft, every item) was asked before. The server answers `precedent/timeline`; the webview's own script
// (dist/timelineView.js) draws it, under a content security policy that allows that script and nothing remote.
// Clicking a mark (or its entry in the list under the chart) opens the precedent beside the chart.

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { TIMELINE_REQUEST, type TimelineParams, type TimelineResult } from '../../server/src/lsp/protocol';
import type { ReadyClient } from './commands';
import type { OpenPrecedent } from './precedentViews';
import { timelinePage } from './timelinePage';
import { LANGUAGE_ID } from './statusBar';

export const SHOW_TIMELINE_COMMAND = 'precedent.showTimeline';

interface Target {
  document: vscode.TextDocument;
  position: vscode.Position;
  scope?: 'item' | 'draft';
}

/** What the webview last drew: its scope, its marks, and anything its content security policy refused. */
export interface TimelineDrawing {
  scope: string;
  marks: number;
  refused: string[];
}

export function registerTimeline(context: vscode.ExtensionContext, ready: ReadyClient, open: OpenPrecedent, drawn: (drawing: TimelineDrawing) => void): vscode.Disposable[] {
  let panel: vscode.WebviewPanel | undefined;
  let target: Target | undefined;
  let pending: TimelineResult | undefined;
  let loaded = false;

  const send = async (): Promise<void> => {
    if (!panel || !target) return;
    const client = await ready();
    const params: TimelineParams = { textDocument: { uri: client.code2ProtocolConverter.asUri(target.document.uri) }, position: client.code2ProtocolConverter.asPosition(target.position), ...(target.scope ? { scope: target.scope } : {}) };
    const timeline = await client.sendRequest<TimelineResult>(TIMELINE_REQUEST, params);
    // The panel may have been closed while the server answered.
    if (!panel) return;
    panel.title = `Timeline: ${timeline.title}`;
    // Sent once the webview's script listens (it says "ready"); until then kept.
    if (loaded) void panel.webview.postMessage({ type: 'timeline', timeline });
    else pending = timeline;
  };

  const create = (): vscode.WebviewPanel => {
    const dist = vscode.Uri.joinPath(context.extensionUri, 'dist');
    const created = vscode.window.createWebviewPanel('precedent.timeline', 'Precedent Timeline', vscode.ViewColumn.Beside, { enableScripts: true, localResourceRoots: [dist] });
    loaded = false;
    created.webview.html = timelinePage({
      cspSource: created.webview.cspSource,
      script: created.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'timelineView.js')).toString(),
      nonce: randomBytes(16).toString('base64'),
    });
    created.webview.onDidReceiveMessage(async (message: { type?: string; uri?: string; range?: unknown; scope?: string; marks?: number; refused?: string[] }) => {
      try {
        if (message.type === 'drawn') {
          drawn({ scope: String(message.scope), marks: Number(message.marks), refused: Array.isArray(message.refused) ? message.refused.map(String) : [] });
        } else if (message.type === 'ready') {
          loaded = true;
          if (pending) void created.webview.postMessage({ type: 'timeline', timeline: pending });
          pending = undefined;
        } else if (message.type === 'open' && typeof message.uri === 'string') {
          const client = await ready();
          const range = client.protocol2CodeConverter.asRange(message.range as Parameters<typeof client.protocol2CodeConverter.asRange>[0]);
          await open(client.protocol2CodeConverter.asUri(message.uri), range, { viewColumn: vscode.ViewColumn.One });
        } else if (message.type === 'scope' && target && (message.scope === 'item' || message.scope === 'draft')) {
          target = { ...target, scope: message.scope };
          await send();
        }
      } catch (error) {
        void vscode.window.showErrorMessage(`Precedent: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    created.onDidDispose(() => (panel = undefined));
    return created;
  };

  return [
    vscode.commands.registerCommand(SHOW_TIMELINE_COMMAND, async () => {
      const editor = vscode.window.activeTextEditor;
      if (editor?.document.languageId !== LANGUAGE_ID) {
        void vscode.window.showInformationMessage('Precedent: open a recommendation document (*.rec.md, *.rec.txt, *.rec) first.');
        return;
      }
      target = { document: editor.document, position: editor.selection.active };
      if (panel) panel.reveal(vscode.ViewColumn.Beside, true);
      else panel = create();
      try {
        await send();
      } catch (error) {
        void vscode.window.showErrorMessage(`Precedent: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
    { dispose: () => panel?.dispose() },
  ];
}
