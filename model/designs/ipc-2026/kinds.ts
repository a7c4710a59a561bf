import { actionKind, choiceField, nameField, slotField, type ActionOf } from '../../action-kind.ts';
import { KERNEL_KINDS } from '../../kernel-kinds.ts';

/**
 * The syscalls of Tock's 2026 IPC capsules (dev/ipc-initial,
 * capsules/core/src/ipc/), each as libtock-c makes it (allow the name or
 * buffers, then the command), then the kernel's own steps. A process names
 * another by the IPC identifier it holds for that slot: the one it learned
 * (from a discovery or a request), else a guess at the live one
 * (identifiers are forgeable).
 */
export const IPC_2026_KINDS = {
  /** String-name registry, command 1: register the 20-byte name `name` (`""`: all zeros). */
  'register-name': actionKind({ fields: { by: slotField, name: nameField }, actor: 'by', by: 'process', format: (x) => `#${x.by} register name "${x.name}"` }),
  /** String-name registry, command 2: discover the process registered as `name` (`""`: all zeros). */
  'discover-name': actionKind({ fields: { by: slotField, name: nameField }, actor: 'by', by: 'process', format: (x) => `#${x.by} discover name "${x.name}"` }),
  /** Package-name registry, command 1: register under its own package name. */
  'register-package': actionKind({ fields: { by: slotField }, actor: 'by', by: 'process', format: (x) => `#${x.by} register package name` }),
  /** Package-name registry, command 2: discover the registered process whose package name is `name`. */
  'discover-package': actionKind({ fields: { by: slotField, name: nameField }, actor: 'by', by: 'process', format: (x) => `#${x.by} discover package "${x.name}"` }),
  /** Relay Request, allow-readonly 0: the buffer that goes out (a client's request, a server's response), of no, a short or a long length. */
  'allow-send': actionKind({
    fields: { by: slotField, length: choiceField('none', 'short', 'long') },
    actor: 'by',
    by: 'process',
    format: (x) => `#${x.by} allow a ${x.length} send buffer`,
  }),
  /** Relay Request, allow-readwrite 0: the buffer that comes in (a client's response, a server's request). */
  'allow-receive': actionKind({
    fields: { by: slotField, length: choiceField('none', 'short', 'long') },
    actor: 'by',
    by: 'process',
    format: (x) => `#${x.by} allow a ${x.length} receive buffer`,
  }),
  /** Relay Request, command 0x20: accept requests. */
  enable: actionKind({ fields: { by: slotField }, actor: 'by', by: 'process', format: (x) => `#${x.by} enable requests` }),
  /** Relay Request, command 0x21: refuse requests, failing every client waiting on it. */
  disable: actionKind({ fields: { by: slotField }, actor: 'by', by: 'process', format: (x) => `#${x.by} disable requests` }),
  /** Relay Request, command 0x10: send a request to the process `by` identifies as slot `to`. */
  send: actionKind({ fields: { by: slotField, to: slotField }, actor: 'by', by: 'process', format: (x) => `#${x.by} send request to #${x.to}` }),
  /** Relay Request, command 0x11: cancel the outstanding request. */
  cancel: actionKind({ fields: { by: slotField }, actor: 'by', by: 'process', format: (x) => `#${x.by} cancel request` }),
  /** Relay Request, command 0x22: take the next waiting request from any client. */
  'take-any': actionKind({ fields: { by: slotField }, actor: 'by', by: 'process', format: (x) => `#${x.by} take any request` }),
  /** Relay Request, command 0x23: take the request of the client `by` identifies as slot `from`. */
  'take-from': actionKind({ fields: { by: slotField, from: slotField }, actor: 'by', by: 'process', format: (x) => `#${x.by} take request from #${x.from}` }),
  /** Relay Request, command 0x24: respond to the request taken. */
  respond: actionKind({ fields: { by: slotField }, actor: 'by', by: 'process', format: (x) => `#${x.by} respond` }),
  deliver: KERNEL_KINDS.deliver,
  /** The process faults on its own and the kernel stops it (its grants cleared); a restart may follow. */
  fault: actionKind({ fields: { process: slotField }, actor: 'process', by: 'kernel', format: (x) => `#${x.process} faults` }),
  restart: KERNEL_KINDS.restart,
};

/** An action of the 2026 capsules. */
export type Ipc2026Action = ActionOf<typeof IPC_2026_KINDS>;

/** The action of kind `T`. */
export type Ipc2026Of<T extends Ipc2026Action['type']> = Extract<Ipc2026Action, { type: T }>;
