// The shared library's password: kept in VS Code's SecretStorage (the OS keychain), never in settings.json.
// The server gets it in initializationOptions at start and by `precedent/libraryPassword` when it changes.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LIBRARY_PASSWORD_NOTIFICATION, type LibraryPasswordParams } from '../../server/src/lsp/protocol';

export const SET_LIBRARY_PASSWORD_COMMAND = 'precedent.setLibraryPassword';
const SECRET_KEY = 'precedent.library.password';

export class LibraryPassword implements vscode.Disposable {
  private value: string | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly secrets: vscode.SecretStorage, ready: () => Promise<LanguageClient>) {
    this.subscriptions.push(
      vscode.commands.registerCommand(SET_LIBRARY_PASSWORD_COMMAND, () => this.ask()),
      // Also when another window of VS Code changed it.
      secrets.onDidChange(async (event) => {
        if (event.key !== SECRET_KEY) return;
        this.value = await secrets.get(SECRET_KEY);
        const params: LibraryPasswordParams = { password: this.value ?? null };
        await (await ready()).sendNotification(LIBRARY_PASSWORD_NOTIFICATION, params);
      }),
    );
  }

  /** Reads the stored password (before the server starts: `current` is then what initializationOptions sends). */
  async load(): Promise<void> {
    this.value = await this.secrets.get(SECRET_KEY);
  }

  /** Hands the stored password, if any, to a server started before it was read. */
  async send(client: LanguageClient): Promise<void> {
    if (this.value === undefined) return;
    const params: LibraryPasswordParams = { password: this.value };
    await client.sendNotification(LIBRARY_PASSWORD_NOTIFICATION, params);
  }

  get current(): string | undefined {
    return this.value;
  }

  private async ask(): Promise<void> {
    const password = await vscode.window.showInputBox({
      title: 'Precedent: shared library password',
      prompt: 'The password of your PostgreSQL role for precedent.library.url (kept in the system keychain). Leave empty to forget it.',
      password: true,
      ignoreFocusOut: true,
    });
    if (password === undefined) return;
    if (password === '') await this.secrets.delete(SECRET_KEY);
    else await this.secrets.store(SECRET_KEY, password);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
