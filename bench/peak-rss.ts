import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A tiny C program that runs a command and prints its peak RSS (from
 * `wait4`'s rusage) as `peak-rss-kib N` on stderr, then exits with the
 * command's status. Node cannot get a child's rusage, and pan is a child.
 */
const SOURCE = `#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
int main(int argc, char **argv) {
  if (argc < 2) return 127;
  pid_t pid = fork();
  if (pid < 0) { perror("fork"); return 127; }
  if (pid == 0) { execv(argv[1], argv + 1); perror("execv"); _exit(127); }
  int status; struct rusage usage;
  if (wait4(pid, &status, 0, &usage) < 0) { perror("wait4"); return 127; }
  fprintf(stderr, "peak-rss-kib %ld\\n", usage.ru_maxrss);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
`;

/** Compiles the wrapper into `dir` with gcc; returns its path. */
export function buildPeakRssWrapper(dir: string): string {
  const source = join(dir, 'peak-rss.c');
  const binary = join(dir, 'peak-rss');
  writeFileSync(source, SOURCE);
  execFileSync('gcc', ['-O2', '-o', binary, source], { stdio: ['ignore', 'ignore', 'inherit'] });
  return binary;
}

/** The peak RSS in MiB that the wrapper printed in `stderr`; throws when it printed none. */
export function parsePeakRssMiB(stderr: string): number {
  const m = /peak-rss-kib (\d+)/.exec(stderr);
  if (!m) throw new Error(`peak-rss wrapper printed no figure:\n${stderr}`);
  return Number(m[1]) / 1024;
}
