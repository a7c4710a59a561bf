import { actionKind, addressField, slotField, type ActionOf } from './action-kind.ts';
import { hex } from './spans.ts';

/**
 * The action kinds of the kernel itself, the same under every design, in
 * the order `enabled` lists them after a slot's syscalls: the scheduling
 * step, a memory access judged by the MPU, a restart.
 */
export const KERNEL_KINDS = {
  /** The kernel schedules `process`: it yields if running, and the head of its task queue is dequeued. */
  deliver: actionKind({ fields: { process: slotField }, actor: 'process', by: 'kernel', format: (x) => `kernel runs #${x.process} (dequeue one task)` }),
  /** Process `by` reads and writes the byte at `addr`; its MPU configuration decides. */
  access: actionKind({ fields: { by: slotField, addr: addressField }, actor: 'by', by: 'process', format: (x) => `#${x.by} touches ${hex(x.addr)}` }),
  /** The kernel restarts `process` (fault policy or process console). */
  restart: actionKind({ fields: { process: slotField }, actor: 'process', by: 'kernel', format: (x) => `kernel restarts #${x.process}` }),
};

/** An action of the kernel's own kinds. */
export type KernelAction = ActionOf<typeof KERNEL_KINDS>;
