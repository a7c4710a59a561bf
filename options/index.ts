/** What a run asks for: flags parsed, checked and defaulted; the design and property files a user names, loaded. */
export * from './check-options.ts';
export * from './flags.ts';
export * from './user-modules.ts';
export * from './scenario-options.ts';
export * from './report-file.ts';
export * from './command-flags.ts';
