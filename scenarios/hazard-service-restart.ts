import { bufferAddress, defaultParams, hex } from '../model/index.ts';
import { defineScenario } from './define.ts';

const params = defaultParams('abstract');

/**
 * SPEC.md hazard 4: index handles outlive the instance they were learned
 * from. The client shares with the service it discovered; the service
 * restarts (yielded, its init call queued), starts and registers again;
 * the client's old handle reaches the new instance, its buffer is mapped
 * there and handed over, and the new instance touches memory nobody
 * shared with it.
 */
export const hazardServiceRestart = defineScenario({
  id: 'hazard-service-restart',
  summary: 'the service restarts; the client’s old handle reaches the new instance and maps its buffer there',
  hazard: 4,
  params,
  readAs: 'tock-2.2',
  steps: `
    #1 discover "service"                -> SUCCESS(0)
    #1 share b0 into slot 0              -> SUCCESS
    kernel restarts #0                   -> RESTARTED
    kernel runs #0 (dequeue one task)    -> STARTED      // the new instance's init call
    #0 subscribe upcall 0                -> SUCCESS
    #1 notify-service #0                 -> SUCCESS      // meant for #0@0, queued at #0@1
    kernel runs #0 (dequeue one task)    -> IPC
    kernel runs #0 (dequeue one task)    -> UPCALL
    #0 touches ${hex(bufferAddress(params, 1, 0))}             -> OK
  `,
  expected: { 'tock-2.2': { 'stale-generation': 6, isolation: 9 } },
});
