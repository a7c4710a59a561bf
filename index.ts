/**
 * The public API of tock-ipc-check for a user's own design or property:
 * the model's types and helpers, the built-in properties, and
 * `defineDesign` / `defineProperty`, which type-check what a file exports
 * for `--design ./my-design.ts` and `--property-file ./my-property.ts`.
 */
export * from './model/index.ts';
export * from './properties/index.ts';
