/** The typed API the package exports: the CLI's commands as functions that return what `--json` prints, printing nothing. */
export * from './api.ts';
export * from './check-json.ts';
export * from './json-schemas.ts';
