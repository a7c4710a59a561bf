/**
 * The model: a pure transition system over plain-data worlds.
 *
 * `initialWorld(params)`, `enabled(design, world)` and `step(design, world,
 * action)` are all a search needs; nothing here reads clocks, randomness or
 * the file system.
 */
import type { Action } from './action-kind.ts';
import type { Design, StepResult } from './design.ts';
import { kernelStep } from './kernel-machine.ts';
import { initialWorld, slotAt, type World, type WorldParams } from './world.ts';

export type { Action, ActionKind, ActionOf, Field, FieldValues, Fields, KindTable } from './action-kind.ts';
export { actionKind, actorOf, addressField, bufferField, choiceField, formatAction, kindOf, nameField, numberField, slotField, takesIpcNumbers } from './action-kind.ts';
export { actionParser, type ParsedAction } from './action-text.ts';
export { KERNEL_KINDS, type KernelAction } from './kernel-kinds.ts';
export { LEGACY_KINDS, type LegacyAction, type NotifyKind } from './designs/legacy-kinds.ts';
export type { Design, Effect, Guard, Handler, KernelRules, RuleImplementations, RuleTransition, Share, StepResult } from './design.ts';
export { handlerRules, inSlotOrder, variant, type HandlersOf } from './design.ts';
export { defineDesign, type DesignSpec } from './define-design.ts';
export { choiceParam, designParamValues, integerParam, paramValues, withDesignParams, type ChoiceParam, type DesignParam, type DesignParamValues, type IntegerParam } from './design-params.ts';
export { Registry } from './registry.ts';
export { BUILTIN_DESIGNS, DEFAULT_DESIGN, DESIGNS, designById, registerDesign } from './designs/index.ts';
export { appMemory, bufferSpan, describeAddress, entitledSpans, foreignAccess } from './entitlement.ts';
export { appBreakOf, kernelBreakOf, kernelMemoryOf, NO_GROWTH, type Growth } from './growth.ts';
export type { BufferRef, Instance } from './instance.ts';
export { formatBuffer, formatInstance, sameBuffer, sameInstance } from './instance.ts';
export type { ProcessMemory } from './memory-layout.ts';
export { access, accessActions, fault, kernelActions, restart } from './kernel-steps.ts';
export { mpuAfter, mpuAllows, mpuRanges, mpuRegions, type Mpu, type MpuEvent } from './mpu-machine.ts';
export { DEFAULT_REGIONS, isMpuArchId, MIN_REGIONS, MPU_ARCH_IDS, mpuFor, type MpuArchId } from './mpu/index.ts';
export type { AccessRange, AddressMpu, Allocation, HardwareRegion, Permissions, Region } from './mpu/index.ts';
export type { ErrorCode, Observation, ObservationTag, Outcome } from './outcome.ts';
export { discovered } from './discovered.ts';
export { outcome, resultCode, tagOf } from './outcome.ts';
export { SLOT_MACHINES, type SlotMachine } from './slot-machines.ts';
export { kernelMachineOf } from './kernel-machine.ts';
export type { Task } from './task.ts';
export { containsByte, coversSpan, formatSpans, hex, intersect, subtract, union, type Span } from './spans.ts';
export { isLive, isScheduled, type ProcessStatus } from './process-machine.ts';
export { bufferCount, currentInstance, defaultParams, impostorSlot, initialWorld, intendedServer, isCurrent, numProcs, slotAt, statusAt, withSlot, withSlotIpc, withWorldIpc } from './world.ts';
export { NO_IPC_STATE } from './world.ts';
export { MAX_REGIONS, regionsRange, SIZE_PARAM_NAMES, SIZE_PARAMS, type SizeParam } from './world-params.ts';
export type { IpcState, ProcessSlot, World, WorldParams } from './world.ts';
export { clientSymmetry, clientPermutations, compose, inverse, Renamer, symmetric, type Renaming } from './symmetry.ts';
export { canonicalJson, frozenJson, worldKey, type WorldKey } from './world-key.ts';

/** The actions possible next, in the design's documented stable order. */
export function enabled(design: Design, world: World): readonly Action[] {
  return design.enabled(world);
}

/** One step: pure and deterministic; `action` must be enabled in `world`. */
export function step(design: Design, world: World, action: Action): StepResult {
  return kernelStep(design, world, action);
}

/** The address of byte `offset` of buffer `buffer` of slot `owner` in worlds built with `params`. */
export function bufferAddress(params: WorldParams, owner: number, buffer: number, offset = 0): number {
  const region = slotAt(initialWorld(params), owner).memory.buffers[buffer];
  if (region === undefined) throw new RangeError(`slot ${owner} has no buffer ${buffer}`);
  return region.start + offset;
}
export { counted } from './counted.ts';
