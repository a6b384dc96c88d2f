// A tiny signal the client raises when the API answers 503 or cannot be reached, so the readiness
// banner re-checks /readyz at once instead of waiting for its next poll.
type Listener = () => void;
const listeners = new Set<Listener>();

/** Tells listeners that a call just failed for want of the server or one of its dependencies. */
export function reportUnavailable(): void {
  for (const listener of listeners) listener();
}

/** Calls `listener` whenever a call reports the service unavailable; returns the unsubscribe function. */
export function onUnavailable(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
