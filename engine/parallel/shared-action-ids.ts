import { canonicalJson, type Action } from '../../model/index.ts';
import type { ActionIds } from '../packed/index.ts';
import { SharedInterner, type InternerBuffers } from '../packed/index.ts';

/**
 * Action ids that mean the same in every worker thread: an action's id is
 * that of its canonical JSON in a `SharedInterner`. Each thread caches the
 * ids and actions it has seen; an action another thread numbered is
 * decoded from its JSON.
 */
export class SharedActionIds implements ActionIds {
  private readonly interner: SharedInterner;
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();
  private readonly ids = new Map<string, number>();
  private readonly actions: (Action | undefined)[] = [];

  constructor(readonly buffers: InternerBuffers) {
    this.interner = new SharedInterner(buffers);
  }

  /** Buffers for new, empty action ids. */
  static buffers(): InternerBuffers {
    return SharedInterner.create(18).buffers;
  }

  id(action: Action): number {
    const key = canonicalJson(action);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.interner.intern(this.encoder.encode(key));
      this.ids.set(key, id);
      this.actions[id] ??= action;
    }
    return id;
  }

  action(id: number): Action {
    let action = this.actions[id];
    if (action === undefined) {
      action = JSON.parse(this.decoder.decode(this.interner.bytes(id))) as Action;
      this.actions[id] = action;
    }
    return action;
  }
}
