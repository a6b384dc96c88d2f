import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { CardTable } from '../../components/card-table';
import { Section } from '../../components/section';
import { Empty, QueryView } from '../../components/states';
import { StatusChip, type Tone } from '../../components/status-chip';
import { Time } from '../../components/time';
import { humanize } from '../../lib/labels';
import { incidentKey, useIncident } from './incident-data';

const SEVERITY_TONES: Record<string, Tone> = { critical: 'danger', high: 'danger', medium: 'warning', low: 'info', informational: 'neutral' };

/** Alerts from security tools (SIEM, EDR, DLP…) that opened or attached to the incident. */
export function AlertsSection() {
  const incident = useIncident();
  const alerts = useQuery({
    queryKey: incidentKey(incident.id, 'alerts'),
    queryFn: () => unwrap(api.GET('/v1/incidents/{id}/alerts', { params: { path: { id: incident.id } } })),
    refetchInterval: 30_000,
  });
  return (
    <Section id="alerts" title="Alerts from security tools" description="Signed alerts from intake sources; alerts sharing a correlation key attach here instead of opening another incident.">
      <QueryView
        query={alerts}
        what="The alerts"
        loading="Loading alerts"
        isEmpty={({ items }) => items.length === 0}
        empty={
          <Empty>
            <p>No alert from a security tool is attached to this incident.</p>
          </Empty>
        }
      >
        {({ items }) => (
          <CardTable caption="Alerts attached to this incident" columns={['Alert', 'Severity', 'Format', 'Detected', 'Received', 'Assets']}>
            {items.map((a) => (
              <tr key={a.id}>
                <td data-label="Alert">
                  {a.title}
                  <span className="cell-sub">
                    {a.externalId && `ID ${a.externalId}`}
                    {a.correlationKey && ` · correlation ${a.correlationKey}`}
                  </span>
                </td>
                <td data-label="Severity">
                  <StatusChip tone={SEVERITY_TONES[a.severity.toLowerCase()] ?? 'neutral'}>{humanize(a.severity)}</StatusChip>
                </td>
                <td data-label="Format">{humanize(a.format)}</td>
                <td data-label="Detected">
                  <Time value={a.detectedAt} />
                </td>
                <td data-label="Received">
                  <Time value={a.receivedAt} />
                </td>
                <td data-label="Assets">{a.assets.length ? a.assets.join(', ') : <span className="muted">—</span>}</td>
              </tr>
            ))}
          </CardTable>
        )}
      </QueryView>
    </Section>
  );
}
