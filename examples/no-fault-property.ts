import { defineProperty, formatInstance, hex } from '../index.ts';

/** `example-no-fault`: no process faults on a memory access (a stricter cousin of graceful-exhaustion). */
export default defineProperty({
  id: 'example-no-fault',
  description: 'no process faults on a memory access',
  needs: ['access'],
  situation: 'a process touched memory',
  witness: ({ outcome }) => outcome.observations.some((o) => o.type === 'access'),
  check({ outcome }) {
    for (const o of outcome.observations) {
      if (o.type === 'access' && !o.allowed) return { property: 'example-no-fault', message: `${formatInstance(o.by)} faulted touching ${hex(o.addr)}` };
    }
    return null;
  },
});
