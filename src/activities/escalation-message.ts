import type { DeliveryRow } from '../db/deliveries-repository';
import type { EscalationStep } from '../domain/escalation-policy';
import { findObligation } from '../domain/regulations';

/** The kinds of escalation: a reminder before the deadline, the overdue notice, and its repeats. */
export type EscalationKind = EscalationStep['kind'];

/** What every channel says about one escalation step; instants are UTC ISO strings, URLs absolute. */
export interface EscalationFacts {
  incidentId: string;
  escalationId: string;
  reference: string;
  title: string;
  regime: string;
  obligation: string;
  /** The legal source and recipient of the obligation, e.g. "GDPR Art. 33(1)" and "the supervisory authority", when known. */
  source?: string;
  recipient?: string;
  rung: string;
  kind: EscalationKind;
  /** The roles this ladder step reaches. */
  recipients: readonly string[];
  dueAt: string;
  raisedAt: string;
  /** The console's page for this escalation, which acknowledges on a button (a POST). */
  escalationUrl: string;
  /** The API's acknowledge endpoint, for tools acting with a recipient's key. */
  acknowledgeUrl: string;
}

/** The facts of a delivery's escalation, with the console and API URLs under `publicUrl`. */
export function escalationFacts(delivery: DeliveryRow, publicUrl: string): EscalationFacts {
  const obligation = findObligation(delivery.regime, delivery.obligation);
  return {
    incidentId: delivery.incident_id,
    escalationId: delivery.escalation_id,
    reference: delivery.reference,
    title: delivery.title,
    regime: delivery.regime,
    obligation: delivery.obligation,
    ...(obligation ? { source: obligation.source, recipient: obligation.recipient } : {}),
    rung: delivery.rung,
    kind: delivery.kind as EscalationKind,
    recipients: delivery.recipients,
    dueAt: delivery.due_at.toISOString(),
    raisedAt: delivery.raised_at.toISOString(),
    // The console's page for this escalation: it shows what is due and acknowledges on a button (a POST), so a mail
    // scanner that follows the link acknowledges nothing.
    escalationUrl: `${publicUrl}/incidents/${delivery.incident_id}/escalations/${delivery.escalation_id}`,
    acknowledgeUrl: `${publicUrl}/v1/incidents/${delivery.incident_id}/escalations/${delivery.escalation_id}/acknowledge`,
  };
}

/** What an escalation says, as an email (subject, text) and as a webhook payload (Standard Webhooks event shape). */
export function escalationMessage(delivery: DeliveryRow, publicUrl: string) {
  const facts = escalationFacts(delivery, publicUrl);
  const overdue = facts.kind !== 'reminder';
  const { dueAt, escalationUrl, acknowledgeUrl } = facts;
  const what = `${delivery.regime} ${delivery.obligation}${facts.source !== undefined ? ` (${facts.source}, to ${facts.recipient})` : ''}`;
  const subject = `[${delivery.reference}] ${overdue ? 'OVERDUE' : 'Due soon'}: ${delivery.regime} ${delivery.obligation}`;
  const text = [
    `Hello ${delivery.contact_name},`,
    '',
    overdue
      ? `The deadline for ${what} passed at ${dueAt} without a notice recorded.`
      : `The deadline for ${what} falls at ${dueAt}.`,
    '',
    `Incident: ${delivery.reference} — ${delivery.title}`,
    `Ladder step: ${delivery.rung} (to ${delivery.recipients.join(', ')})`,
    overdue ? 'A late notice must state the reasons for the delay (GDPR Art. 33(1)).' : '',
    '',
    `Open it in the console to acknowledge it${overdue ? ' (which stops the repeats of this overdue notice)' : ''} or record the notice:`,
    escalationUrl,
  ]
    .filter((line, i, all) => line !== '' || all[i - 1] !== '')
    .join('\n');
  const payload = {
    type: overdue ? 'deadline.overdue' : 'deadline.reminder',
    timestamp: delivery.raised_at.toISOString(),
    data: {
      incidentId: delivery.incident_id,
      reference: delivery.reference,
      title: delivery.title,
      escalationId: delivery.escalation_id,
      regime: delivery.regime,
      obligation: delivery.obligation,
      rung: delivery.rung,
      kind: delivery.kind,
      dueAt,
      escalationUrl,
      /** For tools acting on the recipient's behalf with their API key (POST). */
      acknowledgeUrl,
    },
  };
  return { subject, text, payload };
}
