import type { AnyStateMachine } from 'xstate';
import { stateNames } from './machine-state.ts';
import { mpuMachine } from './mpu-machine.ts';
import { processMachine } from './process-machine.ts';
import { taskQueueMachine } from './task-queue-machine.ts';
import type { ProcessSlot } from './world.ts';

/**
 * One of the xstate machines every process slot holds, as searches see it:
 * its id and every state it defines (both read from the machine itself),
 * and the state a slot's copy of it is in.
 */
export interface SlotMachine {
  readonly id: string;
  /** The xstate machine itself (for diagrams). */
  readonly machine: AnyStateMachine;
  /** Every state node of the definition, in definition order (see `stateNames`). */
  readonly states: readonly string[];
  stateOf(slot: ProcessSlot): string;
}

/** The process lifecycle, task-queue and MPU machines, in that order. */
export const SLOT_MACHINES: readonly SlotMachine[] = [
  { id: processMachine.id, machine: processMachine, states: stateNames(processMachine), stateOf: (slot) => slot.lifecycle.value },
  { id: taskQueueMachine.id, machine: taskQueueMachine, states: stateNames(taskQueueMachine), stateOf: (slot) => slot.tasks.value },
  { id: mpuMachine.id, machine: mpuMachine, states: stateNames(mpuMachine), stateOf: (slot) => slot.mpu.value },
];
