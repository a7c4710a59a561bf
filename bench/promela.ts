import type { Legacy3Params } from './legacy3-params.ts';
import type { Legacy3PropertyId } from './legacy3-properties.ts';

/**
 * Which properties the Promela model checks. `null`: none, no assertion,
 * every ghost field still in the state. A property id: every violating
 * step of every property ends the trace (its target is a dead state, as in
 * the plain BFS), and that one property's violation is also an assertion
 * failure. SPIN stops at an assertion without saying which property it was
 * for, so each property gets a model and a run of its own.
 */
export type PromelaCheck = Legacy3PropertyId | null;

/**
 * the benchmark model's `legacy-3` in Promela: globals only, one active
 * proctype with one `do` loop and one `d_step` per action instance (an
 * action and its argument), so one model transition is one SPIN transition
 * and SPIN's stored states are the model's states. All indices are
 * literals. Process 0 is the service, process p >= 1 a client; the
 * per-client arrays are indexed by process, slot 0 unused (constant).
 * Process p's queue slot i is element p*Q+i of the task arrays; empty slots
 * hold zeros. Generate with `spin -o2 -a` (keep write-only ghost fields).
 */
export function legacy3Promela(params: Legacy3Params, check: PromelaCheck): string {
  const { clients: C, restarts: G, queue: Q, regions: R } = params;
  const P = C + 1;
  const on = check !== null;
  const clients = Array.from({ length: C }, (_, i) => i + 1);
  const slot = (p: number, i: number): number => p * Q + i;
  const indent = (text: string): string => text.replace(/^/gm, '   ');
  /** Statements in sequence; a statement may span lines. */
  const seq = (...statements: string[]): string => statements.join(';\n');
  const ifElse = (cond: string, then: string, otherwise = 'skip'): string =>
    ['if', `:: ${cond} ->`, indent(then), ':: else ->', indent(otherwise), 'fi'].join('\n');
  const violate = (property: Legacy3PropertyId): string => (property === check ? seq('stop = 1', 'assert(!stop)') : 'stop = 1');
  const action = (name: string, guard: string, body: string): string =>
    [`:: d_step { /* ${name} */`, indent(`${on ? `!stop && (${guard})` : guard} ->`), indent(body), '   }'].join('\n');
  const task = (i: number | string, sender: string | number, senderGen: string, kind: string | number): string =>
    `qsender[${i}] = ${sender}; qgen[${i}] = ${senderGen}; qkind[${i}] = ${kind}`;
  const dequeue = (p: number): string =>
    seq(
      ...Array.from({ length: Q - 1 }, (_, i) => {
        const [to, from] = [slot(p, i), slot(p, i + 1)];
        return task(to, `qsender[${from}]`, `qgen[${from}]`, `qkind[${from}]`);
      }),
      task(slot(p, Q - 1), 0, '0', 0),
      `qlen[${p}]--`,
    );
  const enqueue = (p: number, sender: number, kind: string): string =>
    ifElse(`qlen[${p}] < ${Q}`, seq(task(`${p * Q} + qlen[${p}]`, sender, `gen[${sender}]`, kind), `qlen[${p}]++`), 'skip /* NOMEM: a self-loop */');
  const emptyQueue = (p: number): string => seq(`qlen[${p}] = 0`, ...Array.from({ length: Q }, (_, i) => task(slot(p, i), 0, '0', 0)));
  const held = clients.map((c) => `region[${c}]`).join(' + ');

  const clientActions = (p: number): string[] => [
    action(`discover(${p})`, `!discovered[${p}]`, seq(`discovered[${p}] = true`, `discoveredGen[${p}] = gen[0]`)),
    action(`allow(${p})`, `discovered[${p}] && !shared[${p}]`, `shared[${p}] = true`),
    action(`unallow(${p}): legacy leaves the service's region`, `shared[${p}]`, `shared[${p}] = false`),
    action(`notifyService(${p})`, `discovered[${p}]`, enqueue(0, p, 'ToService')),
    action(`notifyClient(${p})`, `knownClientGen[${p}] != UNDEF`, enqueue(p, 0, 'ToClient')),
    action(
      `deliver(${p})`,
      `qlen[${p}] > 0`,
      seq(
        ifElse(
          `gen[qsender[${slot(p, 0)}]] == qgen[${slot(p, 0)}] && qkind[${slot(p, 0)}] == ToClient`,
          on ? ifElse(`knownClientGen[${p}] != gen[${p}]`, violate('stale-generation')) : 'skip /* delivered */',
          'skip /* dropped: the sender restarted */',
        ),
        dequeue(p),
      ),
    ),
    action(
      `access(${p})`,
      `knowsPtr[${p}]`,
      on
        ? [
            'if',
            `:: region[${p}] && (!shared[${p}] || knownClientGen[${p}] != gen[${p}]) -> ${violate('isolation')}`,
            `:: !region[${p}] && shared[${p}] -> ${violate('graceful-exhaustion')}`,
            ':: else -> skip',
            'fi',
          ].join('\n')
        : 'skip /* no state change: a self-loop */',
    ),
    action(
      `restart(${p})`,
      `gen[${p}] < ${G}`,
      seq(`gen[${p}]++`, emptyQueue(p), `discovered[${p}] = false`, `discoveredGen[${p}] = UNDEF`, `shared[${p}] = false`),
    ),
  ];

  const deliverFrom = (c: number): string =>
    [
      `:: qsender[0] == ${c} && gen[${c}] == qgen[0] && qkind[0] == ToService ->`,
      indent(
        seq(
          ...(on ? [ifElse(`discoveredGen[${c}] != gen[0]`, violate('stale-generation'))] : []),
          `knownClientGen[${c}] = gen[${c}]`,
          ifElse(`shared[${c}]`, seq(`knowsPtr[${c}] = true`, ifElse(`!region[${c}] && ${held} < ${R}`, `region[${c}] = true`))),
        ),
      ),
    ].join('\n');
  const serviceActions = [
    action(
      'deliver(0)',
      'qlen[0] > 0',
      seq(['if', ...clients.map(deliverFrom), ':: else -> skip /* dropped: the sender restarted */', 'fi'].join('\n'), dequeue(0)),
    ),
    action(
      'restart(0)',
      `gen[0] < ${G}`,
      seq('gen[0]++', emptyQueue(0), ...clients.flatMap((c) => [`region[${c}] = false`, `knowsPtr[${c}] = false`, `knownClientGen[${c}] = UNDEF`])),
    ),
  ];

  return [
    `/* legacy-3 (the benchmark model) C=${C} G=${G} Q=${Q} R=${R}, ${on ? `checking ${check}` : 'properties off'}. Generated by bench/promela.ts. */`,
    '#define UNDEF 255',
    'mtype = { ToService, ToClient };',
    `byte gen[${P}];`,
    `byte qlen[${P}];`,
    `byte qsender[${P * Q}];`,
    `byte qgen[${P * Q}];`,
    `mtype qkind[${P * Q}];`,
    `bool discovered[${P}];`,
    `byte discoveredGen[${P}] = UNDEF;`,
    `bool shared[${P}];`,
    `bool region[${P}];`,
    `bool knowsPtr[${P}];`,
    `byte knownClientGen[${P}] = UNDEF;`,
    ...(on ? ['bit stop; /* set by a violating step: its target is not expanded */'] : []),
    '',
    'active proctype legacy3() {',
    'end:',
    '  do',
    [...clients.flatMap(clientActions), ...serviceActions].join('\n').replace(/^/gm, '  '),
    '  od',
    '}',
    '',
  ].join('\n');
}
