import { Link } from 'react-router';
import type { components } from '../api/schema';
import { humanize, RECIPIENT_LABELS, regimeName, viaChannel } from '../lib/labels';
import { CardTable } from './card-table';
import { StatusChip } from './status-chip';
import { Time } from './time';

type Escalation = components['schemas']['EscalationList']['items'][number];
type Delivery = Escalation['deliveries'][number];

function deliverySummary(deliveries: Delivery[]): string {
  if (deliveries.length === 0) return 'No recipient with this role';
  const count = (status: string) => deliveries.filter((d) => d.status === status).length;
  return [
    [count('sent'), 'sent'],
    [count('pending'), 'pending'],
    [count('failed'), 'failed'],
  ]
    .filter(([n]) => Number(n) > 0)
    .map(([n, word]) => `${n} ${word}`)
    .join(', ');
}

function Deliveries({ deliveries }: { deliveries: Delivery[] }) {
  return (
    <CardTable caption="Delivery attempts" columns={['Recipient', 'Channel', 'Delivery', 'Attempts', 'Sent']} compact>
      {deliveries.map((d) => (
        <tr key={d.id}>
          <td data-label="Recipient">{d.contactName}</td>
          <td data-label="Channel">
            {d.channel === 'email' ? 'Email' : 'Webhook'} <span className="cell-sub break">{d.target}</span>
          </td>
          <td data-label="Delivery">
            {d.status === 'sent' ? <StatusChip tone="success">Sent</StatusChip> : d.status === 'failed' ? <StatusChip tone="danger">Failed</StatusChip> : <StatusChip tone="warning">Pending</StatusChip>}
            {d.lastError && <span className="cell-sub break">Last error: {d.lastError}</span>}
          </td>
          <td data-label="Attempts">{d.attempts}</td>
          <td data-label="Sent">
            <Time value={d.sentAt} />
          </td>
        </tr>
      ))}
    </CardTable>
  );
}

function EscalationRow({ incidentId, e }: { incidentId: string; e: Escalation }) {
  return (
    <li className="escalation-row" data-testid="escalation" data-acknowledged={e.acknowledgedAt ? 'true' : 'false'}>
      <div className="escalation-row-main">
        <div>
          <StatusChip tone={e.kind === 'reminder' ? 'warning' : 'danger'}>{e.kind === 'reminder' ? 'Reminder' : 'Overdue'}</StatusChip> <strong>{humanize(e.rung)}</strong>
          <span className="cell-sub">
            Raised <Time value={e.raisedAt} /> · to {e.recipients.map((r) => RECIPIENT_LABELS[r] ?? r).join(', ')} · {deliverySummary(e.deliveries)}
          </span>
        </div>
        {e.acknowledgedAt ? (
          <StatusChip tone="success">
            Acknowledged by {e.acknowledgedBy ?? 'a recipient'}
            {viaChannel(e.acknowledgedVia)}, <Time value={e.acknowledgedAt} />
          </StatusChip>
        ) : (
          <Link className="button button-secondary button-small" to={`/incidents/${incidentId}/escalations/${e.id}`}>
            Review and acknowledge<span className="visually-hidden"> {humanize(e.rung)} of {e.regime} {e.obligation}</span>
          </Link>
        )}
      </div>
      {e.deliveries.length > 0 && (
        <details>
          <summary>
            Delivery attempts<span className="visually-hidden"> of {humanize(e.rung)}, {e.regime} {e.obligation}</span>
          </summary>
          <Deliveries deliveries={e.deliveries} />
        </details>
      )}
    </li>
  );
}

/** An incident's escalations grouped by clock, newest first, each with its acknowledgement and delivery attempts. */
export function EscalationGroups({ incidentId, escalations }: { incidentId: string; escalations: Escalation[] }) {
  const groups = new Map<string, Escalation[]>();
  for (const e of [...escalations].sort((a, b) => Date.parse(b.raisedAt) - Date.parse(a.raisedAt))) {
    const key = `${e.regime}\u0000${e.obligation}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  return (
    <div className="escalation-groups">
      {[...groups.values()].map((list) => {
        const first = list[0]!;
        const waiting = list.filter((e) => !e.acknowledgedAt).length;
        const [latest, ...earlier] = list;
        return (
          <section key={`${first.regime}-${first.obligation}`} className="escalation-group" aria-label={`${regimeName(first.regime)} ${humanize(first.obligation)} escalations`}>
            <h3>
              {regimeName(first.regime)} · {humanize(first.obligation)}{' '}
              {waiting > 0 ? <StatusChip tone="danger">{waiting} unacknowledged</StatusChip> : <StatusChip tone="success">All acknowledged</StatusChip>}
            </h3>
            <ul className="escalation-rows">
              <EscalationRow incidentId={incidentId} e={latest!} />
            </ul>
            {earlier.length > 0 && (
              <details>
                <summary>
                  {earlier.length} earlier step{earlier.length === 1 ? '' : 's'}
                  <span className="visually-hidden">
                    {' '}
                    of {first.regime} {first.obligation}
                  </span>
                </summary>
                <ul className="escalation-rows">
                  {earlier.map((e) => (
                    <EscalationRow key={e.id} incidentId={incidentId} e={e} />
                  ))}
                </ul>
              </details>
            )}
          </section>
        );
      })}
    </div>
  );
}
