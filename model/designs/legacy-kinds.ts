import { actionKind, bufferField, choiceField, nameField, numberField, slotField, type ActionOf } from '../action-kind.ts';
import { KERNEL_KINDS } from '../kernel-kinds.ts';

/**
 * The syscalls of Tock's legacy IPC driver (kernel/src/ipc.rs), as
 * libtock-c's libtock/kernel/ipc.c makes them, then the kernel's own
 * kinds. Process fields are slot indices: the legacy IPC names a process by
 * its index. The numbers an app passes to subscribe, allow and notify are
 * IPC numbers (`numberField`): one may name an empty slot, or lie past
 * NUM_PROCS.
 */
export const LEGACY_KINDS = {
  /** Allow-readonly the package name `name`, then command 1 (discover). */
  discover: actionKind({ fields: { by: slotField, name: nameField }, actor: 'by', by: 'process', format: (x) => `#${x.by} discover "${x.name}"` }),
  /** Subscribe a function to IPC upcall number `upcall` (a slot index), for the first time or again. */
  subscribe: actionKind({ fields: { by: slotField, upcall: numberField }, actor: 'by', by: 'process', format: (x) => `#${x.by} subscribe upcall ${x.upcall}` }),
  /** Subscribe a null function pointer to IPC upcall number `upcall` (unsubscribe). */
  unsubscribe: actionKind({
    fields: { by: slotField, upcall: numberField },
    actor: 'by',
    by: 'process',
    format: (x) => `#${x.by} unsubscribe upcall ${x.upcall}`,
    rare: true,
  }),
  /** Yield-WaitFor upcall number `upcall` of the IPC driver: wait for that upcall alone, its arguments returned, its callback not run. */
  'yield-wait-for': actionKind({
    fields: { by: slotField, upcall: slotField },
    actor: 'by',
    by: 'process',
    format: (x) => `#${x.by} yield-wait-for upcall ${x.upcall}`,
  }),
  /** memop sbrk: grow the heap by one step (worlds with `heap` only). */
  sbrk: actionKind({ fields: { by: slotField }, actor: 'by', by: 'process', format: (x) => `#${x.by} sbrk` }),
  /** A first call to another driver, which allocates its grant (worlds with `heap` only). */
  'use-driver': actionKind({ fields: { by: slotField }, actor: 'by', by: 'process', format: (x) => `#${x.by} use-driver` }),
  /** The Exit syscall (exit-terminate): the process ends, Terminated until started again. */
  exit: actionKind({ fields: { by: slotField }, actor: 'by', by: 'process', format: (x) => `#${x.by} exits`, rare: true }),
  /** The process console stops `process`: it keeps its state but is not scheduled. */
  stop: actionKind({ fields: { process: slotField }, actor: 'process', by: 'kernel', format: (x) => `process console stops #${x.process}`, rare: true }),
  /** The process console resumes a stopped `process` where it was. */
  unstop: actionKind({ fields: { process: slotField }, actor: 'process', by: 'kernel', format: (x) => `process console resumes #${x.process}`, rare: true }),
  /** Allow-readwrite own buffer `buffer` into the IPC slot `to` (share it with slot `to`). */
  share: actionKind({
    fields: { by: slotField, to: numberField, buffer: bufferField },
    actor: 'by',
    by: 'process',
    format: (x) => `#${x.by} share b${x.buffer} into slot ${x.to}`,
  }),
  /** Zero-length allow-readwrite into the IPC slot `to` (unallow). */
  unallow: actionKind({ fields: { by: slotField, to: numberField }, actor: 'by', by: 'process', format: (x) => `#${x.by} unallow slot ${x.to}` }),
  /** Command 2 (`service`) or 3 (`client`): notify slot `to`. */
  notify: actionKind({
    fields: { by: slotField, to: numberField, kind: choiceField('service', 'client') },
    actor: 'by',
    by: 'process',
    format: (x) => `#${x.by} notify-${x.kind} #${x.to}`,
  }),
  ...KERNEL_KINDS,
};

/** An action of the legacy IPC. */
export type LegacyAction = ActionOf<typeof LEGACY_KINDS>;

/** Which legacy notify command: 2 notifies a service, 3 a client (kernel/src/ipc.rs). */
export type NotifyKind = Extract<LegacyAction, { type: 'notify' }>['kind'];
