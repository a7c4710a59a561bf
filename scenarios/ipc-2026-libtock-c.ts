import { defaultParams, slotAt, type Action, type World } from '../model/index.ts';
import type { Scenario } from './scenario.ts';

/**
 * The flows of libtock-c's test applications for the 2026 capsules
 * (branch dev/ipc-support, examples/tests/ipc/), one server (#0) and one
 * client (#1), on both designs. Each client discovers once before its
 * server has registered (the server sleeps first), gets NODEVICE in the
 * upcall, then discovers again and finds it. The names are the model's
 * package names (the apps register "Test_Service").
 *
 * Those applications were written against an earlier command layout of
 * the relay capsule (commands 1 to 5, no enable; "new registration"
 * upcall 2, which neither registry has): the mailbox scenario uses
 * dev/ipc-initial's commands, with the enable that its capsule requires
 * before a send (else UNINSTALLED).
 */
const params = { ...defaultParams('abstract'), clients: 1, restarts: 0 };
const both = { 'ipc-2026': {}, 'ipc-2026-fair': {} };
const run = (process: number): Action => ({ type: 'deliver', process });

/** The client holds the identifier of the server's first instance, learned from the discovery upcall. */
function clientKnowsServer(world: World): string | null {
  return slotAt(world, 1).app.handles[0] === 0 ? null : 'the client never learned the server identifier #0@0';
}

/** string_name_server and string_name_client. */
export const ipc2026StringName: Scenario = {
  id: 'ipc-2026-string-name',
  summary: 'libtock-c string_name_client/server: discover too early (NODEVICE), register, discover again and find the server',
  params,
  trace: [
    { type: 'discover-name', by: 1, name: 'service' },
    run(1),
    { type: 'register-name', by: 0, name: 'service' },
    run(0),
    { type: 'discover-name', by: 1, name: 'service' },
    run(1),
  ],
  expected: both,
  end: { says: 'the client holds the server identifier', missing: clientKnowsServer },
};

/** package_name_server and package_name_client. */
export const ipc2026PackageName: Scenario = {
  id: 'ipc-2026-package-name',
  summary: 'libtock-c package_name_client/server: discover too early (NODEVICE), register, discover again and find the server',
  params,
  trace: [
    { type: 'discover-package', by: 1, name: 'service' },
    run(1),
    { type: 'register-package', by: 0 },
    run(0),
    { type: 'discover-package', by: 1, name: 'service' },
    run(1),
  ],
  expected: both,
  end: { says: 'the client holds the server identifier', missing: clientKnowsServer },
};

/** sync_mailbox_server_using_string_name and sync_mailbox_client_using_string_name. */
export const ipc2026Mailbox: Scenario = {
  id: 'ipc-2026-mailbox',
  summary: 'libtock-c sync_mailbox client/server: discover by string name, send a request, the server takes it and responds, the client gets the response',
  params,
  trace: [
    { type: 'discover-name', by: 1, name: 'service' },
    run(1),
    { type: 'register-name', by: 0, name: 'service' },
    run(0),
    { type: 'enable', by: 0 },
    { type: 'discover-name', by: 1, name: 'service' },
    run(1),
    { type: 'send', by: 1, to: 0 },
    run(0),
    { type: 'take-any', by: 0 },
    { type: 'respond', by: 0 },
    run(1),
  ],
  expected: both,
  end: {
    says: 'the server learned the client from the request, and the client ran its response upcall, its transaction over',
    missing(world) {
      if (slotAt(world, 0).app.handles[1] !== 0) return 'the server never learned the client identifier #1@0';
      if ((slotAt(world, 1).ipc as { relay?: { tx: unknown } }).relay?.tx !== null) return "the client's request is still outstanding";
      return slotAt(world, 1).tasks.context.tasks.length === 0 ? null : 'the client has upcalls left to run';
    },
  },
};
