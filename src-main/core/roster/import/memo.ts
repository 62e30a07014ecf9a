// A district file repeats a few hundred values (classes, sexes, birth dates) over 100,000 rows:
// each distinct value is read once.

/**
 * `fn` with its results remembered by argument, for the life of the returned function (one parse).
 * Only for pure functions of the string: the same argument always gives the same result.
 */
export function memoize<T>(fn: (raw: string) => T): (raw: string) => T {
  const known = new Map<string, T>();
  return (raw) => {
    const seen = known.get(raw);
    if (seen !== undefined || known.has(raw)) return seen!;
    const value = fn(raw);
    known.set(raw, value);
    return value;
  };
}
