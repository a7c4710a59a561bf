import { isLive } from '../../process-machine.ts';
import { actorOf, type Action } from '../../action-kind.ts';
import type { Effect, Guard, KernelRules, StepResult } from '../../design.ts';
import { bufferSpan } from '../../entitlement.ts';
import { formatBuffer, formatInstance, sameInstance, type Instance } from '../../instance.ts';
import { discovered } from '../../discovered.ts';
import { access, restart } from '../../kernel-steps.ts';
import { mpuAfter, mpuAllows, mpuRanges } from '../../mpu-machine.ts';
import { mpuFor, type Region } from '../../mpu/index.ts';
import { outcome, type ErrorCode, type Observation } from '../../outcome.ts';
import { subtract, type Span } from '../../spans.ts';
import { currentInstance, initialWorld, slotAt, statusAt, withSlot, type World } from '../../world.ts';
import { SHARE_KINDS, type ShareAction } from './kinds.ts';
import { shareOf, sharesOf, withNewShare, withShareEvent, withSharesEnded, type ShareRecord } from './state.ts';

/**
 * The rules of design `share-proposal` (SPEC.md section 4), as the named
 * guards and actions of its kernel machine. Each rule the proposal argues
 * for is one name, so a variant without it provides that one name:
 *
 * | rule | name | kind |
 * | --- | --- | --- |
 * | a share reaches only the instance it names: checked when it is made (the identifier is live) and when it is activated (by that instance) | `targetGone`, `meantForAnother` | guards of `share`, `activate` |
 * | the buffer can be mapped exactly on this architecture | `unmappable` | guard of `share` |
 * | it overlaps none of the sharer's other shares | `overlapping` | guard of `share` |
 * | activation fails with NOMEM, changing nothing, when no region can be made | `regionRefused` | guard of `activate` |
 * | unshare revokes at once | `unmapOnUnshare` | action of `unshare` |
 * | a restart or fault of either side revokes its shares | `revokeOnEnd` | action of `restart`, faulting `access` |
 */

type Of<T extends ShareAction['type']> = Extract<ShareAction, { type: T }>;

/** A guard over one kind's actions. */
function guardOf<T extends ShareAction['type']>(_type: T, f: (world: World, action: Of<T>) => boolean): Guard {
  return (step, action) => f(step.world, action as Of<T>);
}

/** An action over one kind's actions. */
function effectOf<T extends ShareAction['type']>(_type: T, f: (step: StepResult, action: Of<T>) => StepResult): Effect {
  return (step, action) => f(step, action as Of<T>);
}

/** The instance `by` names by its identifier for slot `to` (the one it discovered), or null if it holds none. */
function identifierOf(world: World, by: number, to: number): Instance | null {
  const generation = slotAt(world, by).app.handles[to];
  return generation === null || generation === undefined ? null : { index: to, generation };
}

/** True iff `instance` is the live, running instance of its slot. */
function live(world: World, instance: Instance): boolean {
  return sameInstance(currentInstance(world, instance.index), instance) && isLive(statusAt(world, instance.index));
}

/** The bytes a region over `span` would let slot `index` touch beyond what its configuration `from` grants, or null when refused. */
function gainedBy(world: World, index: number, span: Span, from = slotAt(world, index).mpu): Span[] | null {
  const after = mpuAfter(from, { type: 'allocate', request: { start: span.start, size: span.end - span.start } });
  return after === from ? null : subtract(mpuRanges(after), mpuRanges(from));
}

/** The region the allocator makes for `span` in slot `index`'s configuration, or null. */
function regionFor(world: World, index: number, span: Span): Region | null {
  const { arch, regions, config } = slotAt(world, index).mpu.context;
  return mpuFor(arch, regions).allocateRegion(config, span.start, span.end - span.start, span.end - span.start, 'rw')?.region ?? null;
}

/** The world with `region` removed from the MPU of the instance `at`, if it still lives (a restart reset its configuration already). */
function unmapped(world: World, at: Instance, region: Region | null): World {
  if (region === null || !sameInstance(currentInstance(world, at.index), at)) return world;
  return withSlot(world, at.index, (slot) => ({ ...slot, mpu: mpuAfter(slot.mpu, { type: 'remove', region }) }));
}

function refusal(code: ErrorCode, why: (world: World, action: Action) => string): Effect {
  return ({ world }, action) => ({ world, outcome: outcome(code, why(world, action)) });
}

const guards = {
  nameUnknown: guardOf('discover', (world, { by, name }) => found(world, by, name) < 0),
  targetGone: guardOf('share', (world, { by, to }) => {
    const target = identifierOf(world, by, to);
    return target === null || !live(world, target);
  }),
  /** The kernel checks, on the target's configuration as booted, that a region would cover the buffer and nothing more. */
  unmappable: guardOf('share', (world, { by, to, buffer }) => {
    const span = bufferSpan(world, { owner: by, buffer });
    const fresh = slotAt(initialWorld(world.params), to).mpu;
    const gained = gainedBy(world, to, span, fresh);
    return gained === null || gained.length !== 1 || gained[0]!.start !== span.start || gained[0]!.end !== span.end;
  }),
  overlapping: guardOf('share', (world, { by, buffer }) => {
    const span = bufferSpan(world, { owner: by, buffer });
    return sharesOf(world, by).some((s) => {
      const other = bufferSpan(world, { owner: by, buffer: s.buffer });
      return other.start < span.end && span.start < other.end;
    });
  }),
  meantForAnother: guardOf('activate', (world, { by, from, buffer }) => !sameInstance(shareOf(world, from, buffer)!.to, currentInstance(world, by))),
  regionRefused: guardOf('activate', (world, { by, from, buffer }) => regionFor(world, by, bufferSpan(world, { owner: from, buffer })) === null),
  accessFaults: guardOf('access', (world, { by, addr }) => !mpuAllows(slotAt(world, by).mpu, addr)),
} satisfies Record<string, Guard>;

/** The first running slot other than `by` with package name `name`, in process-array order, or -1. */
function found(world: World, by: number, name: string): number {
  return world.processes.findIndex((slot, j) => j !== by && slot.name === name && isLive(statusAt(world, j)));
}

const actions = {
  refuseNoDevice: refusal('NODEVICE', (world, action) =>
    action.type === 'discover'
      ? `no running process other than the caller is named "${action.name}"`
      : action.type === 'share'
        ? `no live instance has the identifier #${action.by} holds for slot ${action.to}`
        : `the share was made for ${formatInstance(shareOf(world, action.from as number, action.buffer as number)!.to)}, not this instance`,
  ),
  refuseUnmappable: refusal('INVAL', (world, action) => `no region of this MPU covers ${formatBuffer({ owner: action.by as number, buffer: action.buffer as number })} exactly (${spanText(world, action)})`),
  refuseOverlap: refusal('INVAL', (_, action) => `b${action.buffer} overlaps a buffer #${action.by} already shares`),
  refuseNoMemory: refusal('NOMEM', (_, action) => `no MPU region can be made for #${action.from}.b${action.buffer}; nothing changed`),

  learnIdentifier: effectOf('discover', ({ world }, { by, name }) => {
    const j = found(world, by, name);
    const generation = currentInstance(world, j).generation;
    const next = withSlot(world, by, (slot) => ({ ...slot, app: { ...slot.app, handles: slot.app.handles.map((g, i) => (i === j ? generation : g)) } }));
    return { world: next, outcome: outcome(`SUCCESS(${j})`, `"${name}" is ${formatInstance({ index: j, generation })}`, [discovered(world, by, name, j)]) };
  }),
  recordShare: effectOf('share', ({ world }, { by, to, buffer }) => {
    const target = identifierOf(world, by, to)!;
    const next = withNewShare(world, by, buffer, target);
    return { world: next, outcome: outcome('SUCCESS', `b${buffer} shared with ${formatInstance(target)}`) };
  }),
  unmapOnUnshare: effectOf('unshare', ({ world, outcome: o }, { by, buffer }) => {
    const share = shareOf(world, by, buffer)!;
    return { world: share.holder === null ? world : unmapped(world, share.holder, share.region), outcome: o };
  }),
  forgetShare: effectOf('unshare', ({ world }, { by, buffer }) => ({
    world: withSharesEnded(world, by, (s) => s.buffer === buffer),
    outcome: outcome('SUCCESS', `the share of b${buffer} ended`),
  })),
  mapRegion: effectOf('activate', ({ world }, { by, from, buffer }) => {
    const span = bufferSpan(world, { owner: from, buffer });
    const region = regionFor(world, by, span);
    const at = currentInstance(world, by);
    const share = shareOf(world, from, buffer)!;
    const mapped = withSlot(world, by, (slot) => ({ ...slot, mpu: mpuAfter(slot.mpu, { type: 'allocate', request: { start: span.start, size: span.end - span.start } }) }));
    const next = withShareEvent(mapped, from, buffer, { type: 'activate', holder: at, region });
    const observations: Observation[] = [
      { type: 'map-request', to: at, ...span },
      { type: 'reached', what: region === null ? 'pointer' : 'mapping', intended: share.to, actual: at },
    ];
    return { world: next, outcome: outcome('SUCCESS', region === null ? 'no region made' : `region made for #${from}.b${buffer}`, observations) };
  }),
  handOver: effectOf('activate', ({ world, outcome: o }, { by, from, buffer }) => {
    const ref = { owner: from, buffer };
    const next = withSlot(world, by, (slot) => ({
      ...slot,
      app: { ...slot.app, pointers: slot.app.pointers.some((p) => p.owner === from && p.buffer === buffer) ? slot.app.pointers : [...slot.app.pointers, ref] },
    }));
    const handover: Observation = { type: 'handover', to: currentInstance(world, by), buffer: ref };
    return { world: next, outcome: outcome(o.result, `${o.note}; pointer to ${formatBuffer(ref)} handed over`, [...o.observations, handover]) };
  }),
  unmapRegion: effectOf('deactivate', ({ world }, { by, from, buffer }) => {
    const share = shareOf(world, from, buffer)!;
    const released = withShareEvent(unmapped(world, share.holder!, share.region), from, buffer, { type: 'deactivate' });
    const next = withSlot(released, by, (slot) => ({
      ...slot,
      app: { ...slot.app, pointers: slot.app.pointers.filter((p) => !(p.owner === from && p.buffer === buffer)) },
    }));
    return { world: next, outcome: outcome('SUCCESS', `the region for #${from}.b${buffer} is free again`) };
  }),
  /**
   * The process that restarts or faults ends every share it takes part in:
   * those it made and those made for it (this instance or an earlier
   * one) or held by it. Each active one's region leaves its holder's MPU,
   * and the shares made for it are forgotten; its own go with its grant,
   * which the kernel's step after this one clears.
   */
  revokeOnEnd: (({ world, outcome: o }, action) => {
    const p = actorOf(SHARE_KINDS, action);
    const involves = (owner: number, s: ShareRecord) => owner === p || s.to.index === p || s.holder?.index === p;
    let next = world;
    world.processes.forEach((_, j) => {
      for (const s of sharesOf(world, j)) if (involves(j, s) && s.holder !== null) next = unmapped(next, s.holder, s.region);
      if (j !== p && sharesOf(world, j).some((s) => involves(j, s))) next = withSharesEnded(next, j, (s) => involves(j, s));
    });
    return { world: next, outcome: o };
  }) satisfies Effect,
  access: effectOf('access', ({ world }, action) => access(world, action)),
  restart: effectOf('restart', ({ world }, action) => restart(world, action)),
} satisfies Record<string, Effect>;

function spanText(world: World, action: Action): string {
  const span = bufferSpan(world, { owner: action.by as number, buffer: action.buffer as number });
  return `${span.end - span.start} bytes at 0x${span.start.toString(16)}`;
}

/** The kernel machine's transitions: per kind, tried in order, the first whose guard holds runs. */
export const SHARE_RULES: KernelRules = {
  transitions: {
    discover: [{ guard: 'nameUnknown', actions: ['refuseNoDevice'] }, { actions: ['learnIdentifier'] }],
    share: [
      { guard: 'targetGone', actions: ['refuseNoDevice'] },
      { guard: 'unmappable', actions: ['refuseUnmappable'] },
      { guard: 'overlapping', actions: ['refuseOverlap'] },
      { actions: ['recordShare'] },
    ],
    unshare: [{ actions: ['unmapOnUnshare', 'forgetShare'] }],
    activate: [
      { guard: 'meantForAnother', actions: ['refuseNoDevice'] },
      { guard: 'regionRefused', actions: ['refuseNoMemory'] },
      { actions: ['mapRegion', 'handOver'] },
    ],
    deactivate: [{ actions: ['unmapRegion'] }],
    access: [{ guard: 'accessFaults', actions: ['revokeOnEnd', 'access'] }, { actions: ['access'] }],
    restart: [{ actions: ['revokeOnEnd', 'restart'] }],
  } satisfies Record<ShareAction['type'], unknown>,
  guards,
  actions,
};
