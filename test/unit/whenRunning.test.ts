// The VS Code client's gate for provider requests (client/src/whenRunning.ts): a code action asked for while
// the server starts is sent once it runs; one asked for while it stops, or after its start failed, is answered
// with nothing and never sent (sent, vscode-languageclient logged "Starting server failed").

import assert from 'node:assert/strict';
import { providerMiddleware, whenRunning, type ServerGate } from '../../client/src/whenRunning';

function gate(state: 'running' | 'starting' | 'stopped'): ServerGate & { settle(to: 'running' | 'stopped'): void } {
  let settle!: () => void;
  const started = new Promise<void>((resolve) => (settle = resolve));
  return {
    running: () => state === 'running',
    starting: () => state === 'starting',
    ready: () => started,
    settle(to) {
      state = to;
      settle();
    },
  };
}

describe('client: provider requests only while the server runs', () => {
  it('forwards at once while the server runs', async () => {
    assert.equal(await whenRunning(gate('running'), () => 'actions'), 'actions');
  });

  it('holds a request made while the server starts until it runs, then sends it', async () => {
    const starting = gate('starting');
    let sent = 0;
    const answer = whenRunning(starting, () => ++sent);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(sent, 0, 'not sent before the server runs');
    starting.settle('running');
    assert.equal(await answer, 1);
  });

  it('answers nothing, and sends nothing, while the server stops or after its start failed', async () => {
    let sent = 0;
    assert.equal(await whenRunning(gate('stopped'), () => ++sent), undefined);
    const failing = gate('starting');
    const answer = whenRunning(failing, () => ++sent);
    failing.settle('stopped');
    assert.equal(await answer, undefined);
    assert.equal(sent, 0);
  });

  it('the middleware passes the provider\'s own arguments to next', async () => {
    const middleware = providerMiddleware(gate('running'));
    const next = (document: unknown, range: unknown, context: unknown, token: unknown) => [document, range, context, token];
    const result = await (middleware.provideCodeActions as unknown as (...args: unknown[]) => Promise<unknown>)('doc', 'range', 'context', 'token', next);
    assert.deepEqual(result, ['doc', 'range', 'context', 'token']);
  });
});
