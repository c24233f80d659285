/** A value that changes over time, with its latest state readable at once and changes heard after. */
export interface StateFeed<T> {
  latest(): T;
  /** Calls back on every later change; returns how to stop. */
  listen(listener: (value: T) => void): () => void;
  report(value: T): void;
}

export function stateFeed<T>(initial: T): StateFeed<T> {
  let latest = initial;
  const listeners = new Set<(value: T) => void>();
  return {
    latest: () => latest,
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    report(value) {
      latest = value;
      for (const listener of [...listeners]) listener(value);
    },
  };
}
