import type { DeliveryRow } from '../db/deliveries-repository';
import { findObligation } from '../domain/regulations';

/** What an escalation says, as an email (subject, text) and as a webhook payload (Standard Webhooks event shape). */
export function escalationMessage(delivery: DeliveryRow, publicUrl: string) {
  const obligation = findObligation(delivery.regime, delivery.obligation);
  const overdue = delivery.kind !== 'reminder';
  const dueAt = delivery.due_at.toISOString();
  // The console's page for this escalation: it shows what is due and acknowledges on a button (a POST), so a mail
  // scanner that follows the link acknowledges nothing.
  const escalationUrl = `${publicUrl}/incidents/${delivery.incident_id}/escalations/${delivery.escalation_id}`;
  const acknowledgeUrl = `${publicUrl}/v1/incidents/${delivery.incident_id}/escalations/${delivery.escalation_id}/acknowledge`;
  const what = `${delivery.regime} ${delivery.obligation}${obligation ? ` (${obligation.source}, to ${obligation.recipient})` : ''}`;
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
