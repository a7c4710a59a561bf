import { match } from 'ts-pattern';
import { hex } from './spans.ts';

/**
 * What may happen next in the world: a syscall by a running process, a
 * scheduling step of the kernel, a memory access, or a restart.
 *
 * Actions are plain JSON data; a trace is `Action[]` and replays exactly.
 * Process fields are slot indices (`by`, `to`, `process`).
 */
export type Action =
  /** Allow-readonly the package name `name`, then command 1 (discover). */
  | { readonly type: 'discover'; readonly by: number; readonly name: string }
  /** Subscribe to IPC upcall number `upcall` (a slot index). */
  | { readonly type: 'subscribe'; readonly by: number; readonly upcall: number }
  /** Allow-readwrite own buffer `buffer` into the IPC slot `to` (share it with slot `to`). */
  | { readonly type: 'share'; readonly by: number; readonly to: number; readonly buffer: number }
  /** Zero-length allow-readwrite into the IPC slot `to` (unallow). */
  | { readonly type: 'unallow'; readonly by: number; readonly to: number }
  /** Command 2 (`service`) or 3 (`client`): notify slot `to`. */
  | { readonly type: 'notify'; readonly by: number; readonly to: number; readonly kind: NotifyKind }
  /** The kernel schedules `process`: it yields if running, and the head of its task queue is dequeued. */
  | { readonly type: 'deliver'; readonly process: number }
  /** Process `by` reads and writes the byte at `addr`; its MPU configuration decides. */
  | { readonly type: 'access'; readonly by: number; readonly addr: number }
  /** The kernel restarts `process` (fault policy or process console). */
  | { readonly type: 'restart'; readonly process: number };

/** Which legacy notify command: 2 notifies a service, 3 a client (kernel/src/ipc.rs). */
export type NotifyKind = 'service' | 'client';

/** The action kinds, in the order `enabled` lists them for one process. */
export const ACTION_TYPES = [
  'discover',
  'subscribe',
  'share',
  'unallow',
  'notify',
  'deliver',
  'access',
  'restart',
] as const satisfies readonly Action['type'][];

/** The slot whose action this is: the process making the syscall or access, or the one the kernel schedules or restarts. */
export function actorOf(action: Action): number {
  return 'by' in action ? action.by : action.process;
}

/** One line, for people: `#1 notify-service #0`. */
export function formatAction(a: Action): string {
  return match(a)
    .with({ type: 'discover' }, (x) => `#${x.by} discover "${x.name}"`)
    .with({ type: 'subscribe' }, (x) => `#${x.by} subscribe upcall ${x.upcall}`)
    .with({ type: 'share' }, (x) => `#${x.by} share b${x.buffer} into slot ${x.to}`)
    .with({ type: 'unallow' }, (x) => `#${x.by} unallow slot ${x.to}`)
    .with({ type: 'notify' }, (x) => `#${x.by} notify-${x.kind} #${x.to}`)
    .with({ type: 'deliver' }, (x) => `kernel runs #${x.process} (dequeue one task)`)
    .with({ type: 'access' }, (x) => `#${x.by} touches ${hex(x.addr)}`)
    .with({ type: 'restart' }, (x) => `kernel restarts #${x.process}`)
    .exhaustive();
}
