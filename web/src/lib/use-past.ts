import { useEffect, useState } from 'react';

// setTimeout holds at most 2^31−1 ms (~24.8 days); a later instant is re-armed when that timer fires.
const MAX_DELAY = 2_147_483_647;

/** Whether `iso` has passed, re-rendering the caller once when it does (not every second, as a countdown would). */
export function usePast(iso: string | null): boolean {
  const at = iso === null ? Number.POSITIVE_INFINITY : Date.parse(iso);
  const [past, setPast] = useState(() => at <= Date.now());
  useEffect(() => {
    if (!Number.isFinite(at)) {
      setPast(false);
      return;
    }
    let timer: ReturnType<typeof setTimeout>;
    const arm = () => {
      const left = at - Date.now();
      if (left <= 0) setPast(true);
      else {
        setPast(false);
        timer = setTimeout(arm, Math.min(left, MAX_DELAY));
      }
    };
    arm();
    return () => clearTimeout(timer);
  }, [at]);
  return past;
}
