/** How a clock reads on the board at `nowMs`: overdue once its due instant has passed, even before the server says so. */
export function clockState(status: string, dueAt: string | null, nowMs: number): 'overdue' | 'pending' | 'met' | 'waived' | 'awaiting-trigger' {
  if (status === 'met' || status === 'waived' || status === 'awaiting-trigger') return status;
  if (status === 'overdue' || (dueAt !== null && Date.parse(dueAt) <= nowMs)) return 'overdue';
  return 'pending';
}

/** Overdue first, then soonest due; clocks without a due instant last. */
export function byUrgency<T extends { status: string; dueAt: string | null }>(a: T, b: T): number {
  const rank = (c: T) => (c.status === 'overdue' ? 0 : c.status === 'pending' ? 1 : 2);
  const due = (c: T) => (c.dueAt ? Date.parse(c.dueAt) : Number.POSITIVE_INFINITY);
  return rank(a) - rank(b) || due(a) - due(b);
}
