/** The fixture scorer shipped in ../shared/tools (plain JavaScript). */
declare module '*/tools/score.mjs' {
  export interface Score {
    f1: number | null;
    p?: number;
    r?: number;
    problems: string[];
  }
  export function score(out: unknown, gold: unknown): Score;
  export function f1(got: string, gold: string): { p: number; r: number; f1: number };
  export function tokens(text: string): string[];
}
