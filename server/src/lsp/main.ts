// Entry point of `dist/server.js`: `--stdio` for Neovim, Emacs, Helix and tests; `--node-ipc` for VS Code.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
