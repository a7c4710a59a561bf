import { canonicalJson, type Action } from '../../model/index.ts';
import type { ActionIds } from './expander.ts';

/** Action ids of one thread: dense, in order of first sight. */
export class LocalActionIds implements ActionIds {
  private readonly ids = new Map<string, number>();
  private readonly actions: Action[] = [];

  id(action: Action): number {
    const key = canonicalJson(action);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.actions.length;
      this.ids.set(key, id);
      this.actions.push(action);
    }
    return id;
  }

  action(id: number): Action {
    return this.actions[id]!;
  }
}
