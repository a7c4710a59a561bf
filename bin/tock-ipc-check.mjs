#!/usr/bin/env node
// The CLI entry. In the repository it runs the TypeScript sources through tsx
// (no build step); in an installed package, which ships only the build, it
// runs the compiled JavaScript in dist/.
//
// `check` and `explore` run in a worker thread: their searches are
// synchronous, and a signal handler runs only on an idle thread. This
// thread relays their output and, on SIGINT or SIGTERM, raises a shared
// flag the search reads between runs and states; it then stops, reports
// and saves what it found, and exits by it. A second signal quits at once.
import { existsSync, readFileSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

/** The commands that run in a worker, so that a signal stops them cleanly. */
const INTERRUPTIBLE = new Set(['check', 'explore']);
/** The signals that stop a search, by the number the shared flag holds (0: none yet). */
const SIGNALS = ['', 'SIGINT', 'SIGTERM'];

/**
 * A reader that stops early (`| head`) is not an error: the rest of the
 * output is dropped, and the command still ends, and exits, by its
 * results (a CI step that pipes a violated check into `head` fails).
 */
let readerGone = false;
function quietOnEpipe() {
  process.stdout.on('error', (e) => {
    if (e.code !== 'EPIPE') throw e;
    readerGone = true;
  });
}

/** Writes `text` to stdout, unless its reader has gone. */
function toStdout(text) {
  if (!readerGone) process.stdout.write(text);
}

const argv = isMainThread ? process.argv.slice(2) : workerData.argv;
/** A redrawn status line, only where a person watches: a terminal, outside CI. */
const watched = isMainThread && process.stderr.isTTY && !process.env.CI;

if (isMainThread && INTERRUPTIBLE.has(argv[0]) && !argv.includes('--help') && !argv.includes('-h')) {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(new URL(import.meta.url), { argv: [], workerData: { argv, flag, progress: watched, env: { ...process.env } }, stdin: false });
  for (const [number, signal] of SIGNALS.entries()) {
    if (number === 0) continue;
    process.on(signal, () => {
      if (Atomics.load(flag, 0) !== 0) process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
      Atomics.store(flag, 0, number);
      process.stderr.write(`${watched ? '\r\x1b[K' : ''}tock-ipc-check: ${signal}: stopping the search; its results so far follow (${signal} again quits at once)\n`);
    });
  }
  worker.on('message', ([kind, text]) => {
    if (kind === 'out') toStdout(`${text}\n`);
    else if (kind === 'err') process.stderr.write(`${text}\n`);
    else if (kind === 'progress') process.stderr.write(`\r${text}\x1b[K`);
    else if (kind === 'exit') process.exitCode = text;
  });
  worker.on('error', (e) => {
    process.stderr.write(`tock-ipc-check: internal error: ${String(e?.message ?? e).split('\n')[0]} (a bug of tock-ipc-check, in its search thread)\n`);
    process.exitCode = 4;
  });
  quietOnEpipe();
} else {
  const fromSources = existsSync(new URL('../cli/index.ts', import.meta.url));
  if (fromSources) (await import('tsx/esm/api')).register();
  const { main } = await import(fromSources ? '../cli/index.ts' : '../dist/cli/index.js');
  if (isMainThread) {
    quietOnEpipe();
    process.exitCode = await main(argv, {
      out: (line) => toStdout(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
      input: () => readFileSync(0, 'utf8'),
      env: process.env,
      progress: watched ? (text) => process.stderr.write(`\r${text}\x1b[K`) : undefined,
    });
  } else {
    const { flag, progress, env } = workerData;
    const post = (kind) => (text) => parentPort.postMessage([kind, text]);
    const code = await main(argv, {
      out: post('out'),
      err: post('err'),
      input: () => readFileSync(0, 'utf8'),
      env,
      progress: progress ? post('progress') : undefined,
      interrupted: () => SIGNALS[Atomics.load(flag, 0)] || null,
    });
    parentPort.postMessage(['exit', code]);
  }
}
