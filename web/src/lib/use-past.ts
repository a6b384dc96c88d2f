import { useEffect, useState } from 'react';

// setTimeout holds at most 2^31−1 ms (~24.8 days); a later instant is re-armed when that timer fires.
const MAX_DELAY = 2_147_483_647;

/** Whether `iso` has passed, re-rendering the caller once when it does (not every second, as a countdown would). */
export function usePast(iso: string | null): boolean {
  const at = iso === null ? Number.POSITIVE_INFINITY : Date.parse(iso);
  // The instant the timer saw pass; no state change at mount, so a thousand rows render once.
  const [passed, setPassed] = useState<number | null>(null);
  useEffect(() => {
    if (!Number.isFinite(at) || at <= Date.now()) return;
    let timer: ReturnType<typeof setTimeout>;
    const arm = () => {
      const left = at - Date.now();
      if (left <= 0) setPassed(at);
      else timer = setTimeout(arm, Math.min(left, MAX_DELAY));
    };
    arm();
    return () => clearTimeout(timer);
  }, [at]);
  return passed === at || at <= Date.now();
}
