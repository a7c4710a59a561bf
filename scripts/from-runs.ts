/**
 * How many random runs `check` needs to find each property's first
 * violation, starting from the initial world or from a scenario's steps
 * (`check --from`), on the scenario's own world, over a few seeds. Prints
 * a table: per scenario and property, the runs needed at each seed (`-`:
 * none found within the budget). No directed search: it measures the
 * random runs alone. Run: node --import tsx scripts/from-runs.ts
 */
import { checkRandom } from '../engine/index.ts';
import { designById } from '../model/index.ts';
import { applies, PROPERTIES } from '../properties/index.ts';
import { SCENARIOS } from '../scenarios/index.ts';

const SEEDS = [1, 2, 3, 4, 5];
const RUNS = 2000;
const design = designById('tock-2.2')!;
const ids = process.argv.slice(2);
const scenarios = SCENARIOS.filter((s) => (ids.length === 0 ? ['tutorial-05-ipc', 'thread-tutorial-ipc', 'correct-use'] : ids).includes(s.id));

const runsNeeded = (scenario: (typeof scenarios)[number], property: (typeof PROPERTIES)[number], seed: number, from: boolean): string => {
  const [result] = checkRandom({ design, params: scenario.params, properties: [property], seed, runs: RUNS, maxSteps: 80, directedStates: 0, prefix: from ? scenario.trace : [] });
  return result!.status === 'violated' ? String(result!.counterexample.foundAtRun) : '-';
};

console.log(`| scenario | property | runs to the first violation from the initial world (seeds ${SEEDS.join(', ')}) | with --from |`);
console.log('| --- | --- | --- | --- |');
for (const scenario of scenarios) {
  for (const property of PROPERTIES.filter((p) => applies(p, design))) {
    const plain = SEEDS.map((seed) => runsNeeded(scenario, property, seed, false)).join(', ');
    const from = SEEDS.map((seed) => runsNeeded(scenario, property, seed, true)).join(', ');
    console.log(`| ${scenario.id} | ${property.id} | ${plain} | ${from} |`);
  }
}
