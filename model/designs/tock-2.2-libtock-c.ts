import { setup } from 'xstate';
import { withPrograms, type ProgramEvent } from '../program.ts';
import { tock22 } from './tock-2.2.ts';

/**
 * Design `tock-2.2/libtock-c`: the legacy IPC with every app running
 * libtock-c's IPC flow (libtock/kernel/ipc.c, as the 05_ipc tutorial's
 * rng service and its client use it) instead of any call at any time.
 *
 * The service discovers its own package name (to learn its index),
 * subscribes its service callback, then serves: it touches what it was
 * handed and notifies clients. A client discovers the service, subscribes
 * its client callback, shares a buffer, then notifies the service, and
 * may share, notify and touch memory from then on. A call that fails
 * leaves the program where it was, so the app tries again.
 */
const succeeded = ({ event }: { event: ProgramEvent }) => event.result === 'SUCCESS';

export const serviceProgram = setup({ types: { events: {} as ProgramEvent }, guards: { succeeded } }).createMachine({
  id: 'rng-service',
  initial: 'starting',
  states: {
    starting: { on: { discover: { guard: 'succeeded', target: 'registering' } } },
    registering: { on: { subscribe: { guard: 'succeeded', target: 'serving' } } },
    serving: { on: { access: {}, notify: {} } },
  },
});

export const clientProgram = setup({ types: { events: {} as ProgramEvent }, guards: { succeeded } }).createMachine({
  id: 'rng-client',
  initial: 'discovering',
  states: {
    discovering: { on: { discover: { guard: 'succeeded', target: 'subscribing' } } },
    subscribing: { on: { subscribe: { guard: 'succeeded', target: 'sharing' } } },
    sharing: { on: { share: { guard: 'succeeded', target: 'requesting' } } },
    requesting: { on: { notify: { guard: 'succeeded', target: 'running' } } },
    running: { on: { share: {}, notify: {}, access: {} } },
  },
});

export const tock22LibtockC = withPrograms(tock22, 'tock-2.2/libtock-c', "tock-2.2 with every app running libtock-c's IPC flow (05_ipc's rng service and client)", (slot) =>
  slot === 0 ? serviceProgram : clientProgram,
);
