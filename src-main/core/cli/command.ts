import type { ParseArgsConfig } from 'node:util';
import type { Core } from '../core.ts';
import type { Actor } from '../services/audit.ts';
import { t } from '../../../src-shared/i18n/index.ts';
import { AppError } from '../../../src-shared/result.ts';
import { normalizeClass } from '../../../src-shared/roster/normalize.ts';

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | string[] | boolean[] | undefined>;

export interface CommandContext {
  core: Core;
  /** The signed-in operator (null only for `setup`). */
  actor: (Actor & { operatorId: number }) | null;
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface Command<A = unknown> {
  /** One or two words: `backup`, `audit verify`. */
  name: string;
  /** Arguments after the name, as printed in the help. */
  usage: string;
  summary: string;
  options: Options;
  positionals: { min: number; max: number };
  /** Every command but setup signs in as an operator. */
  signIn: boolean;
  /** Checks the arguments before anything is opened or asked (throws UsageError). */
  parse(values: Values, positionals: string[]): A;
  /** Returns the exit code. */
  run(ctx: CommandContext, args: A): Promise<number>;
}

/** Keeps each command's argument type while listing them together. */
export const command = <A>(c: Command<A>): Command => c as Command;

/** A problem with how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}

export function requireString(values: Values, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError(t.cli.errors.requiredParam(name));
  return v;
}

export function optionalString(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** `--class 6А` in any spelling (`6а`, `6 А`, `6A`) as the class's name; null when not given. */
export function optionalClass(values: Values): string | null {
  const cls = optionalString(values, 'class');
  if (!cls) return null;
  const name = normalizeClass(cls);
  if (!name) throw new UsageError(t.cliCodes.badClass(cls));
  return name;
}

/** Refuses an operator who is not a curator (the window hides these actions from deputies too). */
export function requireCurator(core: Core, actor: Actor & { operatorId: number }): void {
  if (core.operators.list().find((o) => o.id === actor.operatorId)?.role !== 'curator') throw new AppError('auth.forbidden');
}
