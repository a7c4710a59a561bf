/** `n` and the noun, singular for one: "1 step", "7 steps". */
export function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
