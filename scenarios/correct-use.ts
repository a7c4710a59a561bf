import { bufferAddress, defaultParams } from '../model/index.ts';
import type { Scenario } from './scenario.ts';

const params = { ...defaultParams('abstract'), regions: 2 };

/**
 * The legacy IPC used as libtock-c's ipc.c and the 05_ipc tutorial use it:
 * the service learns its own index and registers; a client discovers it,
 * registers its callback on the service's index, shares a buffer, notifies;
 * the service touches the buffer and notifies back. No restart, enough
 * regions: every property holds.
 */
export const correctUse: Scenario = {
  id: 'correct-use',
  summary: 'discover, register, share, notify, deliver, touch, reply: nothing goes wrong',
  params,
  trace: [
    { type: 'discover', by: 0, name: 'service' },
    { type: 'subscribe', by: 0, upcall: 0 },
    { type: 'discover', by: 1, name: 'service' },
    { type: 'subscribe', by: 1, upcall: 0 },
    { type: 'share', by: 1, to: 0, buffer: 0 },
    { type: 'notify', by: 1, to: 0, kind: 'service' },
    { type: 'deliver', process: 0 },
    { type: 'deliver', process: 0 },
    { type: 'access', by: 0, addr: bufferAddress(params, 1, 0) },
    { type: 'notify', by: 0, to: 1, kind: 'client' },
    { type: 'deliver', process: 1 },
    { type: 'deliver', process: 1 },
    { type: 'discover', by: 2, name: 'service' },
    { type: 'share', by: 2, to: 0, buffer: 1 },
    { type: 'notify', by: 2, to: 0, kind: 'service' },
    { type: 'deliver', process: 0 },
    { type: 'deliver', process: 0 },
    { type: 'access', by: 0, addr: bufferAddress(params, 2, 1) },
    { type: 'access', by: 0, addr: bufferAddress(params, 1, 0) },
  ],
  expected: { 'tock-2.2': {} },
};
