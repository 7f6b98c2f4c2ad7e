// Precedents opened from a hover or go to definition are for reading: the shipped seed documents and the text
// views of extracted PDF, Word and web pages open read-only, and a text view offers its original file
// (`Precedent: Open Original Document`, in the editor title), at the page of the cursor where it has pages.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ORIGINAL_REQUEST, type OriginalParams, type OriginalResult } from '../../server/src/lsp/protocol';
import type { ReadyClient } from './commands';

export const OPEN_ORIGINAL_COMMAND = 'precedent.openOriginal';
/** Context key: the active editor shows the text view of an extracted document. */
const EXTRACTED_VIEW_CONTEXT = 'precedent.extractedView';

export function registerPrecedentViews(context: vscode.ExtensionContext, ready: ReadyClient): vscode.Disposable[] {
  // The server keeps extracted text under the global storage folder (index-cache/extracted/, see the server's
  // indexCacheDir); the seeds ship beside the extension.
  const extractedFolder = path.join(context.globalStorageUri.fsPath, 'index-cache', 'extracted') + path.sep;
  const seedsFolder = context.asAbsolutePath('seeds') + path.sep;
  const isExtractedView = (uri: vscode.Uri) => uri.scheme === 'file' && uri.fsPath.startsWith(extractedFolder);
  const isPrecedentFile = (uri: vscode.Uri) => isExtractedView(uri) || (uri.scheme === 'file' && uri.fsPath.startsWith(seedsFolder));

  const follow = (editor: vscode.TextEditor | undefined) => {
    const uri = editor?.document.uri;
    void vscode.commands.executeCommand('setContext', EXTRACTED_VIEW_CONTEXT, uri !== undefined && isExtractedView(uri));
    // Read-only for this session: nobody edits a past recommendation by accident (the browser VS Code saves by itself).
    if (uri !== undefined && isPrecedentFile(uri)) void vscode.commands.executeCommand('workbench.action.files.setActiveEditorReadonlyInSession');
  };
  follow(vscode.window.activeTextEditor);

  return [
    vscode.window.onDidChangeActiveTextEditor(follow),
    vscode.commands.registerCommand(OPEN_ORIGINAL_COMMAND, async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !isExtractedView(editor.document.uri)) {
        void vscode.window.showInformationMessage('Precedent: the active editor is not the text of a PDF, Word file or web page.');
        return;
      }
      const client: LanguageClient = await ready();
      const params: OriginalParams = { uri: client.code2ProtocolConverter.asUri(editor.document.uri), line: editor.selection.active.line };
      const original = await client.sendRequest<OriginalResult | null>(ORIGINAL_REQUEST, params);
      if (!original) {
        void vscode.window.showWarningMessage('Precedent: the original of this text is not in the library any more.');
        return;
      }
      const file = vscode.Uri.parse(original.uri);
      // The desktop opens the system's viewer (a PDF at its page where the viewer reads #page=); the browser
      // VS Code opens it in an editor tab.
      if (vscode.env.uiKind === vscode.UIKind.Desktop) {
        const target = original.page === null ? file : file.with({ fragment: `page=${original.page}` });
        if (await vscode.env.openExternal(target)) return;
      }
      await vscode.commands.executeCommand('vscode.open', file);
    }),
  ];
}
