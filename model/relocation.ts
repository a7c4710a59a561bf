import { HEAP_STEP } from './memory-layout.ts';
import { canonicalJson } from './world-key.ts';
import { mpuFor, type AddressMpu, type MpuConfig, type Region } from './mpu/index.ts';
import { initialWorld, type ProcessSlot, type WorldParams } from './world.ts';

/**
 * Moving clients' memory, for client symmetry on the address-exact MPUs.
 *
 * Clients share one memory layout at different addresses: the same offsets
 * in blocks a fixed stride apart. When two clients trade places, every
 * address in one's flash or RAM goes to the same offset in the other's
 * (`moveAddress`), and an MPU configuration follows its regions
 * (`AddressMpu.relocated`). That is a symmetry of the model only where the
 * allocator cannot tell the blocks apart: where every region it places
 * for a client's memory lands at the same offset in every client's block,
 * which holds when the stride is a multiple of every alignment it uses.
 * `relocationCommutes` tests that, per world, rather than trusting it.
 */

/** Where `addr` goes when slot j moves to slot perm[j]: the same offset in the flash or RAM of that slot; an address in no slot's memory stays. */
export function moveAddress(slots: readonly ProcessSlot[], perm: readonly number[], addr: number): number {
  for (let j = 0; j < slots.length; j++) {
    const { flash, ram } = slots[j]!.memory;
    const to = slots[perm[j]!]!.memory;
    if (addr >= flash.start && addr < flash.start + flash.size) return addr - flash.start + to.flash.start;
    if (addr >= ram.start && addr <= ram.start + ram.size) return addr - ram.start + to.ram.start;
  }
  return addr;
}

const verdicts = new Map<string, boolean>();

/**
 * The commuting test: whether, in worlds of `params`, moving clients
 * commutes with the MPU. For every pair of clients trading places it
 * checks that each slot's boot configuration moves to the other's, and
 * that every allocation the model can ask of a configuration (each
 * buffer of each process, alone, then with a second; each removed again;
 * with `heap`, the break moved a step) gives the moved result on the moved
 * configuration, with the moved access ranges. The abstract MPU passes
 * trivially. Kept per world shape.
 */
export function relocationCommutes(params: WorldParams): boolean {
  const key = JSON.stringify([params.arch, params.regions, params.clients, params.buffers, params.heap]);
  let verdict = verdicts.get(key);
  if (verdict === undefined) verdicts.set(key, (verdict = commutes(params, mpuFor(params.arch, params.regions))));
  return verdict;
}

/** `relocationCommutes` for the allocator `mpu` (a test hands it a broken one). */
export function commutes(params: WorldParams, mpu: AddressMpu<MpuConfig>): boolean {
  const slots = initialWorld(params).processes;
  const configs = slots.map((s) => s.mpu.context.config as MpuConfig);
  const buffers = slots.flatMap((s) => s.memory.buffers);
  for (let i = 1; i < slots.length; i++) {
    for (let j = i + 1; j < slots.length; j++) {
      const perm = slots.map((_, k) => (k === i ? j : k === j ? i : k));
      const move = (addr: number) => moveAddress(slots, perm, addr);
      const moved = (r: Region): Region => ({ start: move(r.start), size: r.size });
      const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
      /** `config` relocated is `at`, and the bytes it grants are `config`'s, each range moved with its first byte. */
      const agree = (config: MpuConfig, at: MpuConfig): boolean => {
        const ranges = mpu.accessRanges(config).map((r) => ({ ...r, start: move(r.start), end: r.end - r.start + move(r.start) }));
        return same(mpu.relocated(config, move), at) && same(mpu.accessRanges(at), ranges.sort((a, b) => a.start - b.start));
      };
      for (let k = 0; k < slots.length; k++) {
        // Boot: slot k's configuration is the one slot perm[k] boots with, moved.
        if (!agree(configs[k]!, configs[perm[k]!]!)) return false;
        for (const first of buffers) {
          const one = mpu.allocateRegion(configs[k]!, first.start, first.size, first.size, 'rw');
          const oneThere = mpu.allocateRegion(configs[perm[k]!]!, move(first.start), first.size, first.size, 'rw');
          if ((one === null) !== (oneThere === null)) return false;
          if (one === null || oneThere === null) continue;
          if (!agree(one.config, oneThere.config) || !same(moved(one.region), oneThere.region)) return false;
          const removed = mpu.removeRegion(one.config, one.region);
          const removedThere = mpu.removeRegion(oneThere.config, oneThere.region);
          if ((removed === null) !== (removedThere === null) || (removed !== null && !agree(removed, removedThere!))) return false;
          for (const second of buffers) {
            const two = mpu.allocateRegion(one.config, second.start, second.size, second.size, 'rw');
            const twoThere = mpu.allocateRegion(oneThere.config, move(second.start), second.size, second.size, 'rw');
            if ((two === null) !== (twoThere === null) || (two !== null && !agree(two.config, twoThere!.config))) return false;
          }
        }
        if (params.heap === 1 && !breaksCommute(mpu, slots, k, perm, configs, move, agree)) return false;
      }
    }
  }
  return true;
}

/** With `heap`: slot k's break moved a step up and back gives the moved result on slot perm[k]'s configuration. */
function breaksCommute(
  mpu: AddressMpu<MpuConfig>,
  slots: readonly ProcessSlot[],
  k: number,
  perm: readonly number[],
  configs: readonly MpuConfig[],
  move: (addr: number) => number,
  agree: (config: MpuConfig, at: MpuConfig) => boolean,
): boolean {
  const { memory } = slots[k]!;
  for (const appBreak of [memory.appBreak, memory.appBreak + HEAP_STEP, memory.kernelBreak]) {
    const here = mpu.updateAppMemoryRegion(configs[k]!, appBreak, memory.kernelBreak, 'rw');
    const there = mpu.updateAppMemoryRegion(configs[perm[k]!]!, move(appBreak), move(memory.kernelBreak), 'rw');
    if ((here === null) !== (there === null) || (here !== null && !agree(here, there!))) return false;
  }
  return true;
}
