/**
 * A worker thread of `exploreParallel`: a `LevelRunner` that answers each
 * message of the search with one reply. It marks its word of `ready` once
 * its modules are loaded, so the search hands it levels from then on.
 */

import { parentPort, workerData } from 'node:worker_threads';
import { Coverage } from '../coverage.ts';
import { designById } from '../../model/index.ts';
import type { ToWorker, WorkerData } from './explore-messages.ts';
import { LevelRunner } from './level-runner.ts';
import { registerLoadedModule } from '../../options/index.ts';

const { setup, index } = workerData as WorkerData;
for (const file of setup.modules) await registerLoadedModule(file);
const port = parentPort!;
const runner = new LevelRunner(setup, index, setup.coverage ? new Coverage(designById(setup.design)!) : undefined);
port.on('message', (message: ToWorker) => port.postMessage(runner.handle(message)));
const ready = new Int32Array(setup.ready);
Atomics.store(ready, index, 1);
