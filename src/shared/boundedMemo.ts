/**
 * Remembers `compute`'s result per key, for work repeated across batches (the same names
 * and addresses come up again and again). Starts afresh beyond `limit` keys, so a
 * long-running worker's memory stays bounded.
 */
export function boundedMemo<T>(compute: (key: string) => T, limit: number): (key: string) => T {
  const known = new Map<string, T>();
  return (key) => {
    let value = known.get(key);
    if (value === undefined) {
      if (known.size >= limit) known.clear();
      value = compute(key);
      known.set(key, value);
    }
    return value;
  };
}
