import { actionKind, nameField, slotField, type ActionOf } from '../../action-kind.ts';
import { defineDesign } from '../../define-design.ts';
import { choiceParam } from '../../design-params.ts';
import type { Share, StepResult } from '../../design.ts';
import { bufferSpan } from '../../entitlement.ts';
import { sameInstance, type Instance } from '../../instance.ts';
import { KERNEL_KINDS } from '../../kernel-kinds.ts';
import { access, accessActions, restart } from '../../kernel-steps.ts';
import type { Region } from '../../mpu/index.ts';
import { mpuFor } from '../../mpu/index.ts';
import { mpuAfter } from '../../mpu-machine.ts';
import { outcome, type Observation } from '../../outcome.ts';
import { currentInstance, slotAt, statusAt, withSlot, withSlotIpc, type IpcState, type World } from '../../world.ts';

/**
 * Design `redox-shm`: Redox's named shared memory (the `shm:` scheme of
 * the userspace daemon ipcd, redox-os/ipcd at e6f672bd, src/shm.rs; the
 * kernel's fmap of a scheme file, redox-os/kernel at 663e6641,
 * src/scheme/user.rs:1005-1135 and src/context/memory.rs), adapted to
 * Tock's world.
 *
 * Followed from the source: a segment is named by a path string; `open`
 * creates or finds it with no check of who asks (shm.rs:32-41: uid and gid
 * ignored), so anyone who knows a name maps that segment. A mapping makes
 * the same frames visible in the mapper (memory.rs:1469-1637
 * `borrow_fmap`, one reference per frame); `munmap` removes only the
 * caller's mapping (memory.rs:2005-2117); a process's exit unmaps its own
 * mappings and nobody else's (memory.rs:772-788). Mapping into one's own
 * address space is EBUSY (user.rs:1042-1044).
 *
 * Adapted to Tock: there is no daemon with memory of its own, and a
 * process's RAM is fixed, so a segment is a buffer (b0) in the RAM of the
 * process that created it, named by that process's package name, and
 * mapping it asks the mapper's MPU for a region over it (ENOMEM when the
 * MPU has none for it). The name lives as long as its creator's instance
 * (ipcd keeps it while a mapping holds it: that only adds ways to reach
 * the same memory). Redox needs nothing more when the creator exits: its
 * frames are reference-counted and stay the mappers' alone. In Tock the
 * creator's RAM is the next instance's, so what a restart does to the
 * mappings is a parameter: `keep` (Redox's behaviour: they stay) or
 * `revoke` (the kernel removes every region over the creator's RAM).
 * Discovery is the name lookup itself: with `--impostor 1` the impostor
 * bears the service's package name and may create "service" first.
 * Nothing here is a message: `stale-generation`, `delivery`,
 * `response-matching` and `fairness` are n/a.
 */

const kinds = {
  /** `open("shm:<own name>", O_CREAT)` and size it: the segment is the caller's b0. */
  create: actionKind({ fields: { by: slotField }, actor: 'by', by: 'process', format: (x) => `#${x.by} creates its segment` }),
  /** `open("shm:<name>")` then `fmap(MAP_SHARED)`: a region over the segment in the caller's MPU. */
  map: actionKind({ fields: { by: slotField, name: nameField }, actor: 'by', by: 'process', format: (x) => `#${x.by} maps "${x.name}"` }),
  /** `funmap` of the segment `name`: the caller's region goes. */
  unmap: actionKind({ fields: { by: slotField, name: nameField }, actor: 'by', by: 'process', format: (x) => `#${x.by} unmaps "${x.name}"` }),
  access: KERNEL_KINDS.access,
  restart: KERNEL_KINDS.restart,
};

type ShmAction = ActionOf<typeof kinds>;

const onCreatorRestart = choiceParam('on-creator-restart', {
  doc: "what a restart of a segment's creator does to other processes' mappings of it: keep them (Redox: frames are reference-counted) or revoke their regions (Tock reuses the creator's RAM)",
  choices: ['keep', 'revoke'],
});

const SEGMENT = 0;

/** A mapping the process holds: the segment's name, the instance whose RAM it is, the region made for it. */
interface Mapping {
  readonly name: string;
  readonly owner: Instance;
  readonly region: Region;
}

/** What a process keeps: whether it created its segment, and its mappings (sorted by name). */
interface ShmState extends IpcState {
  readonly created?: true;
  readonly maps?: readonly Mapping[];
}

const stateOf = (world: World, index: number): ShmState => slotAt(world, index).ipc as ShmState;

function withState(world: World, index: number, f: (state: ShmState) => ShmState): World {
  return withSlotIpc(world, index, f);
}

/** The slot whose live instance created the segment `name`, or null. */
function creatorOf(world: World, name: string): number | null {
  const index = world.processes.findIndex((slot, i) => slot.name === name && stateOf(world, i).created === true);
  return index < 0 ? null : index;
}

/** The slot `index` without the mapping of `name`, its region removed from its MPU if it still holds one. */
function withoutMapping(world: World, index: number, name: string): World {
  const mapping = (stateOf(world, index).maps ?? []).find((m) => m.name === name);
  if (mapping === undefined) return world;
  const unmapped = withSlot(world, index, (slot) => ({
    ...slot,
    mpu: mpuAfter(slot.mpu, { type: 'remove', region: mapping.region }),
    app: { ...slot.app, pointers: slot.app.pointers.filter((p) => !(p.owner === mapping.owner.index && p.buffer === SEGMENT)) },
  }));
  return withState(unmapped, index, (s) => ({ ...s, maps: (s.maps ?? []).filter((m) => m !== mapping) }));
}

const handlers = {
  create: (world: World, { by }: Extract<ShmAction, { type: 'create' }>): StepResult => {
    const name = slotAt(world, by).name;
    const holder = creatorOf(world, name);
    if (holder !== null) return { world, outcome: outcome('EEXIST', `"${name}" exists: #${holder} created it`) };
    return { world: withState(world, by, (s) => ({ ...s, created: true })), outcome: outcome('SUCCESS', `segment "${name}" is #${by}.b${SEGMENT}`) };
  },

  map: (world: World, { by, name }: Extract<ShmAction, { type: 'map' }>): StepResult => {
    const at = currentInstance(world, by);
    const creator = creatorOf(world, name);
    const found = creator === null ? null : currentInstance(world, creator);
    const discovered: Observation = { type: 'discovered', by: at, name, found, live: creator !== null && statusAt(world, creator) === 'running' };
    if (creator === null) return { world, outcome: outcome('ENOENT', `no segment "${name}"`, [discovered]) };
    if (creator === by) return { world, outcome: outcome('EBUSY', 'the segment is already in the caller\'s own memory', [discovered]) };
    const span = bufferSpan(world, { owner: creator, buffer: SEGMENT });
    const { arch, regions, config } = slotAt(world, by).mpu.context;
    const region = mpuFor(arch, regions).allocateRegion(config, span.start, span.end - span.start, span.end - span.start, 'rw')?.region;
    const request: Observation = { type: 'map-request', to: at, ...span };
    if (region === undefined) return { world, outcome: outcome('ENOMEM', `#${by}'s MPU has no region for #${creator}.b${SEGMENT}`, [discovered, request]) };
    const mapped = withSlot(world, by, (slot) => ({
      ...slot,
      mpu: mpuAfter(slot.mpu, { type: 'allocate', request: { start: span.start, size: span.end - span.start } }),
      app: { ...slot.app, pointers: [...slot.app.pointers, { owner: creator, buffer: SEGMENT }] },
    }));
    const next = withState(mapped, by, (s) => ({ ...s, maps: [...(s.maps ?? []), { name, owner: found!, region }].sort((a, b) => a.name.localeCompare(b.name)) }));
    const handover: Observation = { type: 'handover', to: at, buffer: { owner: creator, buffer: SEGMENT } };
    return { world: next, outcome: outcome('SUCCESS', `#${creator}.b${SEGMENT} mapped into #${by}`, [discovered, request, handover]) };
  },

  unmap: (world: World, { by, name }: Extract<ShmAction, { type: 'unmap' }>): StepResult => ({
    world: withoutMapping(world, by, name),
    outcome: outcome('SUCCESS', `#${by}'s region over "${name}" removed`),
  }),

  /** A faulting access ends the process; its address space goes, with every mapping in it (memory.rs:772-788). */
  access: (world: World, action: Extract<ShmAction, { type: 'access' }>): StepResult => {
    const result = access(world, action);
    if (result.outcome.result !== 'FAULT') return result;
    const regions = (stateOf(world, action.by).maps ?? []).map((m) => m.region);
    const next = withSlot(result.world, action.by, (slot) => ({ ...slot, mpu: regions.reduce((mpu, region) => mpuAfter(mpu, { type: 'remove', region }), slot.mpu) }));
    return { ...result, world: next };
  },

  /** The process's own mappings and its segment's name go with it; with `revoke`, every other process's region over its segment too. */
  restart: (world: World, action: Extract<ShmAction, { type: 'restart' }>): StepResult => {
    const old = currentInstance(world, action.process);
    let next = world;
    const revoked: number[] = [];
    if (onCreatorRestart.of(world) === 'revoke') {
      for (let j = 0; j < world.processes.length; j++) {
        for (const m of stateOf(world, j).maps ?? []) {
          if (j !== action.process && sameInstance(m.owner, old)) {
            next = withoutMapping(next, j, m.name);
            revoked.push(j);
          }
        }
      }
    }
    const result = restart(next, action);
    return revoked.length === 0 ? result : { ...result, outcome: outcome('RESTARTED', `${result.outcome.note}; regions over its segment revoked in ${revoked.map((j) => `#${j}`).join(', ')}`) };
  },
};

/**
 * The actions of slot `by`: if running, create its segment (if it has
 * not), map each package name's segment it has not mapped (in the order
 * of the slots bearing them), unmap each it has; then its accesses (the
 * kernel's probes) and a restart within the bound.
 */
function enabledAt(world: World, by: number): ShmAction[] {
  const actions: ShmAction[] = [];
  if (statusAt(world, by) === 'running') {
    const state = stateOf(world, by);
    if (state.created !== true) actions.push({ type: 'create', by });
    const mapped = (state.maps ?? []).map((m) => m.name);
    for (const name of new Set(world.processes.map((s) => s.name))) if (!mapped.includes(name)) actions.push({ type: 'map', by, name });
    for (const name of mapped) actions.push({ type: 'unmap', by, name });
  }
  actions.push(...accessActions(world, by));
  if (slotAt(world, by).lifecycle.context.generation < world.params.restarts) actions.push({ type: 'restart', process: by });
  return actions;
}

/** Who may touch what: each mapping of a segment whose creator's instance still lives. */
function shares(world: World): Share[] {
  return world.processes.flatMap((_, j) =>
    (stateOf(world, j).maps ?? [])
      .filter((m) => sameInstance(m.owner, currentInstance(world, m.owner.index)))
      .map((m) => ({ owner: m.owner, buffer: { owner: m.owner.index, buffer: SEGMENT }, to: currentInstance(world, j) })),
  );
}

export const redoxShm = defineDesign({
  id: 'redox-shm',
  summary: "Redox's named shared memory (ipcd's shm: scheme, kernel fmap): any process maps a segment by name; a creator's restart keeps others' mappings unless on-creator-restart=revoke",
  kinds,
  handlers,
  params: [onCreatorRestart],
  results: ['SUCCESS', 'EEXIST', 'ENOENT', 'EBUSY', 'ENOMEM', 'OK', 'FAULT', 'RESTARTED'],
  emits: ['map-request', 'handover', 'access', 'discovered'],
  inapplicable: {
    'stale-generation': 'nothing is sent: a mapping is looked up by name and made at once for the caller',
    delivery: 'nothing is sent, so nothing can be lost on its way',
    'response-matching': 'there are no requests or responses',
    fairness: 'there are no requests to take',
  },
  enabledAt,
  shares,
});

