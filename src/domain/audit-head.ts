/** The newest entry of an incident's audit chain, as the activity that appended it reported it to the workflow. */
export interface AuditHead {
  readonly seq: number;
  readonly hash: string;
}

/** The later of two heads (appends may report out of order when writes overlap). */
export function laterHead(current: AuditHead | null, next: AuditHead | null | undefined): AuditHead | null {
  if (!next) return current;
  return !current || next.seq > current.seq ? next : current;
}
