/** `n` and the noun, singular for one: "1 step", "7 steps". `plural` where adding "s" is wrong. */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
