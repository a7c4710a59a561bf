/**
 * The things of one kind known in this process, by id: the built-in ones,
 * then those a user's file registers. `all` is one live list, so a module
 * that holds it sees later registrations.
 */
export class Registry<T extends { readonly id: string }> {
  private readonly items: T[];

  constructor(
    private readonly what: string,
    builtins: readonly T[],
  ) {
    this.items = [...builtins];
  }

  /** Every item, built-in ones first, in the order they were registered. */
  get all(): readonly T[] {
    return this.items;
  }

  /** The item with this id, or undefined. */
  byId(id: string): T | undefined {
    return this.items.find((item) => item.id === id);
  }

  /** Adds an item; throws when its id is taken by another. Registering the same object twice is a no-op. */
  register(item: T): void {
    const known = this.byId(item.id);
    if (known === item) return;
    if (known !== undefined) throw new Error(`a ${this.what} named '${item.id}' exists already`);
    this.items.push(item);
  }
}
