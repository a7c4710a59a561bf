/**
 * Names for the things the model talks about: process instances and buffers.
 *
 * A process slot keeps its index across restarts; its generation counts the
 * restarts (SPEC.md section 1). The pair names one instance. The model's
 * generation stands for Tock's ProcessId identifier, which is a kernel-global
 * counter (kernel/src/kernel.rs `create_process_identifier`): two instances
 * are equal iff index and generation are.
 */
export interface Instance {
  readonly index: number;
  readonly generation: number;
}

/** A buffer inside a process's app memory: buffer number `buffer` of slot `owner`. */
export interface BufferRef {
  readonly owner: number;
  readonly buffer: number;
}

/** True iff both name the same instance. */
export function sameInstance(a: Instance, b: Instance): boolean {
  return a.index === b.index && a.generation === b.generation;
}

/** True iff both name the same buffer. */
export function sameBuffer(a: BufferRef, b: BufferRef): boolean {
  return a.owner === b.owner && a.buffer === b.buffer;
}

/** `#1@0`: slot 1, generation 0. */
export function formatInstance(i: Instance): string {
  return `#${i.index}@${i.generation}`;
}

/** `#1.b0`: buffer 0 of slot 1. */
export function formatBuffer(b: BufferRef): string {
  return `#${b.owner}.b${b.buffer}`;
}
