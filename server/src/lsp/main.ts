// Entry point of `dist/server.js`: `--stdio` for Neovim, Emacs, Helix and tests; `--node-ipc` for VS Code.
import { createConnection, LSPErrorCodes, ProposedFeatures, type RequestMessage, type ResponseMessage } from 'vscode-languageserver/node';
import { startServer } from './server';
import { startupMark } from './startup';

// Here the bundle is loaded: every import above has run.
startupMark('loaded');

// A request the client cancels while it still waits in the queue (behind a storm of edits, say) is answered at
// once as cancelled, instead of being worked on later for an answer nobody waits for. (The default strategy
// leaves it in the queue; a request already running is never interrupted: every handler is synchronous.)
const cancelUndispatched = (message: RequestMessage): ResponseMessage => ({
  jsonrpc: '2.0',
  id: message.id,
  error: { code: LSPErrorCodes.RequestCancelled, message: 'Cancelled before it started.' },
});

startServer(createConnection(ProposedFeatures.all, { connectionStrategy: { cancelUndispatched: (message) => cancelUndispatched(message as RequestMessage) } }));
