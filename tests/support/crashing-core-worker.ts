// The real core worker, plus one way to kill it for the restart tests: a call of the (unknown)
// method `test.exhaustHeap` fills the worker's JavaScript heap until V8 ends the thread. The real
// worker's listener runs too, but its answer never comes: this loop does not return.
import { parentPort } from 'node:worker_threads';

parentPort!.on('message', (m: { type?: string; op?: string; args?: unknown[] }) => {
  if (m?.type !== 'op' || m.op !== 'call' || m.args?.[0] !== 'test.exhaustHeap') return;
  const hoard: number[][] = [];
  for (;;) hoard.push(new Array<number>(100_000).fill(Math.random()));
});

await import('../../src-main/core/host/core-worker.ts');
