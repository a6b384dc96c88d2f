import { clockStart, type Escalation, type IncidentLiveState, type OpenIncidentRequest } from '../domain/incident';
import { DEFAULT_OBLIGATIONS } from '../domain/regulations';
import { isPastDue, openDeadline, type Deadline } from '../domain/deadlines';

/** The workflow's state and the pure transitions on it; handlers call these, the main loop reads them. */
export class IncidentState {
  reference: string | null = null;
  status: IncidentLiveState['status'] = 'open';
  stage: IncidentLiveState['stage'] = 'detected';
  deadlines: Deadline[] = [];
  escalations: Escalation[] = [];

  constructor(readonly incidentId: string) {}

  get opened(): boolean {
    return this.reference !== null;
  }

  /** The deadlines the incident starts with, computed from the request before anything is persisted. */
  initialDeadlines(request: OpenIncidentRequest): Deadline[] {
    return DEFAULT_OBLIGATIONS.map((o) => openDeadline(o, clockStart(request.incident)));
  }

  open(reference: string, deadlines: Deadline[]): void {
    this.reference = reference;
    this.deadlines = deadlines;
  }

  /** Pending deadlines that have run out at `nowMs`. */
  pastDue(nowMs: number): Deadline[] {
    return this.deadlines.filter((d) => isPastDue(d, nowMs));
  }

  markOverdue(deadline: Deadline, escalation: Escalation): void {
    deadline.status = 'overdue';
    this.escalations.push(escalation);
  }

  snapshot(): IncidentLiveState {
    return {
      incidentId: this.incidentId,
      reference: this.reference,
      status: this.status,
      stage: this.stage,
      deadlines: this.deadlines.map((d) => ({ ...d })),
      escalations: this.escalations.map((e) => ({ ...e })),
    };
  }
}
