import { isScheduled } from '../../process-machine.ts';
import type { Handler } from '../../design.ts';
import { defineDesign } from '../../define-design.ts';
import { choiceParam } from '../../design-params.ts';
import { fault, restart } from '../../kernel-steps.ts';
import { impostorSlot, slotAt, statusAt, type World } from '../../world.ts';
import { IPC_2026_KINDS, type Ipc2026Action, type Ipc2026Of } from './kinds.ts';
import { discoverName, discoverPackage, nameless, registerName, registerPackage, registration, WRONG_LENGTH_NAME, ZERO_NAME } from './registries.ts';
import { allowRule, cancel, disable, enable, lastWaiting, respond, rotatingWaiting, send, takeAny, takeFrom, type PickAny } from './relay.ts';
import { stateOf, waitsOn } from './state.ts';
import { deliver } from './upcalls.ts';

/**
 * Designs `ipc-2026` and `ipc-2026-fair`: Tock's 2026 IPC capsules
 * (SPEC.md section 3) in a kernel without the legacy IPC: the string-name
 * and package-name registries and Relay Request, processes named by IPC
 * identifiers. They differ in one rule, which waiting client "take any"
 * picks: the last in process-array order (dev/ipc-initial) or the next
 * after the previous pick (dev/ipc-relay-request-fairness).
 *
 * No shared memory and no MPU regions: the capsules copy between allowed
 * buffers. Not symmetric under client permutations: "take any" scans in
 * process-array order, so which client it picks depends on the slots'
 * order, and swapping two clients is not a symmetry of the capsule.
 */

/** Which capsules the board installs beside Relay Request: both registries, one, or none (apps then name servers by identifiers they guess or are sent). */
/** Whether apps allow buffers of any length: `fit`, no Relay Request buffers and 20-byte names (every copy fits); `vary`, any (copies truncate, a name of another length gets SIZE). */
export const lengths = choiceParam('lengths', {
  doc: 'the buffers apps allow: none to Relay Request and 20-byte names, so every copy fits (fit), or of any length, so copies truncate and names get SIZE (vary)',
  choices: ['fit', 'vary'],
});

export const capsules = choiceParam('capsules', {
  doc: 'the capsules the board installs: Relay Request with both registries, with one of them, or alone',
  choices: ['all', 'string-name', 'package-name', 'relay'],
});

/**
 * The actions of slot `by`: (if running and the board has them) each registry command with each
 * package name (and, for the string names, all zeros; an honest app registers only its own name, an impostor any),
 * (with `--param lengths=vary`) each length of send and receive buffer, enable, disable,
 * send to each slot, cancel, take any, take from each slot, respond (the
 * most general app calls anything, and errors are results too); then the
 * kernel's: deliver its head upcall, fault, restart (both within the
 * restart bound). Reads only slot `by` (names are fixed).
 */
function enabledAt(world: World, by: number): Ipc2026Action[] {
  const actions: Ipc2026Action[] = [];
  const slot = slotAt(world, by);
  const slots = world.processes.map((_, j) => j);
  const names = [...new Set(world.processes.map((s) => s.name))];
  const running = statusAt(world, by) === 'running';
  const board = capsules.of(world);
  if (running && (board === 'all' || board === 'string-name')) {
    const malformed = lengths.of(world) === 'vary' ? [ZERO_NAME, WRONG_LENGTH_NAME] : [ZERO_NAME];
    for (const name of [...(by === impostorSlot(world.params) ? names : [slot.name]), ...malformed]) actions.push({ type: 'register-name', by, name });
    for (const name of [...names, ...malformed]) actions.push({ type: 'discover-name', by, name });
  }
  if (running && (board === 'all' || board === 'package-name')) {
    actions.push({ type: 'register-package', by });
    for (const name of names) actions.push({ type: 'discover-package', by, name });
  }
  if (running) {
    if (lengths.of(world) === 'vary') {
      for (const length of ['none', 'short', 'long'] as const) actions.push({ type: 'allow-send', by, length });
      for (const length of ['none', 'short', 'long'] as const) actions.push({ type: 'allow-receive', by, length });
    }
    actions.push({ type: 'enable', by }, { type: 'disable', by });
    for (const to of slots) actions.push({ type: 'send', by, to });
    actions.push({ type: 'cancel', by }, { type: 'take-any', by });
    for (const from of slots) actions.push({ type: 'take-from', by, from });
    actions.push({ type: 'respond', by });
  }
  if (isScheduled(statusAt(world, by)) && slot.tasks.context.tasks.length > 0) actions.push({ type: 'deliver', process: by });
  const restartable = slot.lifecycle.context.generation < world.params.restarts;
  if (running && restartable) actions.push({ type: 'fault', process: by });
  if (restartable) actions.push({ type: 'restart', process: by });
  return actions;
}

/**
 * Directed search toward `fairness`, rising along the cycle that starves a
 * request: for the enabled server with the most passed-over request
 * waiting on it (`p` passes), 4 + 3p, plus 0 while it holds another
 * client's request it took, 1 once it is free, 2 once another client's
 * request waits beside it; the next take that passes it over scores
 * 4 + 3(p + 1).
 */
function fairnessProgress(world: World): number {
  let best = 0;
  world.processes.forEach((_, server) => {
    const relay = stateOf(world, server).relay;
    if (relay === undefined || !relay.enabled) return;
    const waiting = world.processes.flatMap((__, j) => {
      const tx = stateOf(world, j).relay?.tx;
      return j !== server && tx?.role === 'client' && waitsOn(world, j, server) ? [{ j, passed: tx.passed }] : [];
    });
    if (waiting.length === 0) return;
    const taken = relay.tx?.role === 'server' ? relay.tx.client.index : null;
    const untaken = waiting.filter((w) => w.j !== taken);
    if (untaken.length === 0) return;
    const starved = untaken.reduce((a, b) => (b.passed > a.passed ? b : a));
    const stage = taken !== null ? 0 : untaken.length >= 2 ? 2 : 1;
    best = Math.max(best, 4 + 3 * starved.passed + stage);
  });
  return best;
}

/**
 * Directed search toward `response-matching`: for the server nearest to
 * answering a request other than the one it took, 1 once it holds a
 * taken request, 2 once that client canceled it, 3 once that client
 * waits on it again; before any take, 0.
 */
function answerProgress(world: World): number {
  let best = 0;
  world.processes.forEach((_, server) => {
    const tx = stateOf(world, server).relay?.tx;
    if (tx?.role !== 'server') return;
    const again = tx.canceled && tx.client.index !== server && waitsOn(world, tx.client.index, server);
    best = Math.max(best, 1 + (tx.canceled ? 1 : 0) + (again ? 1 : 0));
  });
  return best;
}

/** The design with "take any" picking by `pick`. */
function ipc2026Design(id: string, summary: string, pick: PickAny) {
  const faultHandler: Handler<Ipc2026Of<'fault'>> = (world, { process }) => fault(world, process);
  return defineDesign({
    id,
    summary,
    kinds: IPC_2026_KINDS,
    handlers: {
      'register-name': registerName,
      'discover-name': discoverName,
      'register-package': registerPackage,
      'discover-package': discoverPackage,
      'allow-send': allowRule('send'),
      'allow-receive': allowRule('receive'),
      enable,
      disable,
      send,
      cancel,
      'take-any': takeAny(pick),
      'take-from': takeFrom,
      respond,
      deliver,
      fault: faultHandler,
      restart,
    },
    // Commands: SUCCESS (take's SUCCESS(id) included) and their error
    // codes; kernel steps: an upcall run, a fault, a restart.
    results: ['SUCCESS', 'ALREADY', 'INVAL', 'NODEVICE', 'UNINSTALLED', 'FAIL', 'SIZE', 'NOMEM', 'UPCALL', 'FAULT', 'RESTARTED'],
    emits: ['reached:request', 'reached:response', 'lost:request', 'lost:response', 'lost:identifier', 'answered', 'passed-over', 'discovered'],
    // A response or a discovered identifier whose upcall was not queued; a request cleared with no word to its client.
    losses: ['queue-full', 'own-disable'],
    params: [capsules, registration, lengths, nameless],
    enabledAt,
    guides: { fairness: fairnessProgress, 'response-matching': answerProgress },
    shares: () => [],
  });
}

export const ipc2026 = ipc2026Design('ipc-2026', "Tock's 2026 IPC capsules: registries and Relay Request (dev/ipc-initial)", lastWaiting);

export const ipc2026Fair = ipc2026Design(
  'ipc-2026-fair',
  'ipc-2026 with "take any" rotating over clients (dev/ipc-relay-request-fairness)',
  rotatingWaiting,
);

