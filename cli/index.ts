/** The command line: the only place that prints or sets an exit code. */
export { main, type Io } from './cli.ts';
