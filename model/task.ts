import type { NotifyKind } from './designs/legacy-kinds.ts';
import type { BufferRef, Instance } from './instance.ts';

/**
 * One entry of a process's task queue (kernel/src/process.rs `Task`).
 *
 * `ipc` is a legacy IPC notification waiting for the kernel's first delivery
 * stage; `upcall` is a function call that will run the subscribed upcall with
 * the arguments (sender index, len, ptr); `null-upcall` is queued when that
 * upcall number has no subscription and is discarded when dequeued
 * (kernel/src/kernel.rs, `Task::ReturnValue`); `init` starts a process
 * after a restart. `capsule` is an upcall a
 * capsule scheduled (kernel/src/upcall.rs `schedule`), named for what it
 * reports. Fields named in comments as ghost are not in Tock's task; they
 * let properties judge.
 */
export type Task =
  | {
      readonly kind: 'ipc';
      /** The notifying instance (Tock stores its ProcessId). */
      readonly from: Instance;
      readonly notify: NotifyKind;
      /** Ghost: the instance the notifier meant to reach. */
      readonly intended: Instance;
    }
  | {
      readonly kind: 'upcall';
      readonly upcall: number;
      /** Sender index; its generation is ghost. */
      readonly from: Instance;
      /** The shared buffer passed as (len, ptr), or null for (0, 0). */
      readonly buffer: BufferRef | null;
    }
  | { readonly kind: 'null-upcall'; readonly upcall: number; readonly from: Instance }
  /**
   * The kernel's call of the app's entry point, queued when a process is
   * reset (process_standard.rs `reset`, 2140-2166): it takes a queue slot
   * until the new instance first runs, and no subscribe removes it.
   */
  | { readonly kind: 'init' }
  | {
      readonly kind: 'capsule';
      /** What it reports, e.g. `response` or `request-waiting`. */
      readonly upcall: string;
      /** Its status argument: `SUCCESS` or an error code. */
      readonly status: string;
      /** The IPC identifier its other arguments carry, or null. */
      readonly id: Instance | null;
    };
