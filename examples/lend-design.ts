import {
  accessActions,
  actionKind,
  bufferField,
  bufferSpan,
  choiceParam,
  currentInstance,
  defineDesign,
  formatInstance,
  KERNEL_KINDS,
  mpuAfter,
  NO_IPC_STATE,
  outcome,
  restart,
  access,
  slotAt,
  slotField,
  statusAt,
  withSlot,
  type ActionOf,
  type Share,
  type World,
} from '../index.ts';

/**
 * Design `example/lend`: a client lends one of its buffers to the service
 * (slot 0), which the kernel maps into the service's MPU at once and hands
 * it a pointer; the client reclaims it, which unmaps it. Nothing checks the
 * mapping, and by default a restart of the client forgets what it lent
 * without unmapping it, so the checker finds `revocation` broken; with
 * `--param on-restart=unmap` the restart takes every lent buffer back.
 */
const kinds = {
  lend: actionKind({ fields: { by: slotField, buffer: bufferField }, actor: 'by', by: 'process', format: (a) => `#${a.by} lends b${a.buffer} to #0` }),
  reclaim: actionKind({ fields: { by: slotField, buffer: bufferField }, actor: 'by', by: 'process', format: (a) => `#${a.by} reclaims b${a.buffer}` }),
  access: KERNEL_KINDS.access,
  restart: KERNEL_KINDS.restart,
};

type LendAction = ActionOf<typeof kinds>;

/** A parameter of the design: what a client's restart does to what it lent. */
const onRestart = choiceParam('on-restart', { doc: "what a client's restart does to the buffers it lent", choices: ['forget', 'unmap'] });

/** The world with `client`'s buffer `buffer` unmapped from the service and its pointer dropped. */
function takenBack(world: World, client: number, buffer: number): World {
  const span = bufferSpan(world, { owner: client, buffer });
  return withSlot(world, 0, (slot) => ({
    ...slot,
    mpu: mpuAfter(slot.mpu, { type: 'remove', region: { start: span.start, size: span.end - span.start } }),
    app: { ...slot.app, pointers: slot.app.pointers.filter((p) => !(p.owner === client && p.buffer === buffer)) },
  }));
}

/** What a client lent, in its grant: buffer numbers, sorted. */
const lentBy = (world: World, client: number): readonly number[] => (slotAt(world, client).ipc.lent as number[] | undefined) ?? [];

function withLent(world: World, client: number, lent: readonly number[]): World {
  return withSlot(world, client, (slot) => ({ ...slot, ipc: lent.length === 0 ? NO_IPC_STATE : { lent: [...lent].sort((a, b) => a - b) } }));
}

export default defineDesign({
  id: 'example/lend',
  summary: 'a client lends a buffer to the service, mapped at once; restarts forget to unmap unless on-restart=unmap',
  kinds,
  handlers: {
    lend: (world, { by, buffer }) => {
      const span = bufferSpan(world, { owner: by, buffer });
      const mapped = withSlot(world, 0, (slot) => ({
        ...slot,
        mpu: mpuAfter(slot.mpu, { type: 'allocate', request: { start: span.start, size: span.end - span.start } }),
        app: { ...slot.app, pointers: [...slot.app.pointers, { owner: by, buffer }] },
      }));
      const service = currentInstance(world, 0);
      return {
        world: withLent(mapped, by, [...lentBy(world, by), buffer]),
        outcome: outcome('SUCCESS', `b${buffer} lent to ${formatInstance(service)}`, [
          { type: 'map-request', to: service, ...span },
          { type: 'handover', to: service, buffer: { owner: by, buffer } },
        ]),
      };
    },
    reclaim: (world, { by, buffer }) => ({
      world: withLent(takenBack(world, by, buffer), by, lentBy(world, by).filter((b) => b !== buffer)),
      outcome: outcome('SUCCESS', `b${buffer} reclaimed`),
    }),
    access,
    restart: (world, action) => {
      const lent = onRestart.of(world) === 'unmap' ? lentBy(world, action.process) : [];
      return restart(
        lent.reduce((w, buffer) => takenBack(w, action.process, buffer), world),
        action,
      );
    },
  },
  params: [onRestart],
  results: ['SUCCESS', 'OK', 'FAULT', 'RESTARTED'],
  emits: ['map-request', 'handover', 'access'],
  enabledAt(world, index): LendAction[] {
    const actions: LendAction[] = [];
    if (index > 0 && statusAt(world, index) === 'running') {
      const lent = lentBy(world, index);
      for (let buffer = 0; buffer < world.params.buffers; buffer++) actions.push(lent.includes(buffer) ? { type: 'reclaim', by: index, buffer } : { type: 'lend', by: index, buffer });
    }
    actions.push(...accessActions(world, index));
    if (slotAt(world, index).lifecycle.context.generation < world.params.restarts) actions.push({ type: 'restart', process: index });
    return actions;
  },
  shares(world): Share[] {
    return world.processes.flatMap((_, client) =>
      lentBy(world, client).map((buffer) => ({ owner: currentInstance(world, client), buffer: { owner: client, buffer }, to: currentInstance(world, 0) })),
    );
  },
});
