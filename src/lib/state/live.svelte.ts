import { liveQuery } from 'dexie';
import { createSubscriber } from 'svelte/reactivity';

/**
 * A Dexie query as a value components read: `current` is its latest result, and Dexie runs
 * the query again whenever a write (in this tab or another) touches what it read. It is
 * subscribed while a component or effect reads it, and unsubscribed when none does. The query
 * may only await Dexie calls (anything else loses Dexie's tracking): load other data first.
 */
export class LiveQuery<T> {
  #value: T | undefined;
  #error: unknown;
  #subscribe: () => void;

  /** `onResult` is told each result, outside the query, where it may write (a cache, say). */
  constructor(query: () => Promise<T>, onResult?: (value: T) => void) {
    this.#subscribe = createSubscriber((update) => {
      const subscription = liveQuery(query).subscribe({
        next: (value) => {
          this.#value = value;
          this.#error = undefined;
          onResult?.(value);
          update();
        },
        error: (error: unknown) => {
          this.#error = error;
          update();
        }
      });
      return () => subscription.unsubscribe();
    });
  }

  /** The latest result; undefined until the first one arrives. */
  get current(): T | undefined {
    this.#subscribe();
    return this.#value;
  }

  get error(): unknown {
    this.#subscribe();
    return this.#error;
  }
}
