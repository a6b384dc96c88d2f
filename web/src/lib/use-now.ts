import { useSyncExternalStore } from 'react';

/** A shared ticker: every subscriber re-renders in the same frame, and the timer runs only while someone listens. */
function ticker(intervalMs: number) {
  let now = Date.now();
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setInterval> | undefined;
  return {
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      if (!timer) {
        now = Date.now();
        timer = setInterval(() => {
          now = Date.now();
          for (const l of listeners) l();
        }, intervalMs);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
    snapshot: () => now,
  };
}

const everySecond = ticker(1000);
const everyMinute = ticker(60_000);

/**
 * The current time in epoch ms, re-rendering the caller every second, or only every minute when `fast` is false
 * (a countdown scrolled out of view: a thousand of them ticking each second would keep the browser busy re-laying out).
 */
export function useNow(fast = true): number {
  const source = fast ? everySecond : everyMinute;
  return useSyncExternalStore(source.subscribe, source.snapshot);
}
