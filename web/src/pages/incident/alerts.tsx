import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { Section } from '../../components/section';
import { Empty, ErrorState, Loading } from '../../components/states';
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
      {alerts.isPending ? (
        <Loading what="Loading alerts" />
      ) : alerts.isError && !alerts.data ? (
        <ErrorState error={alerts.error} what="The alerts" onRetry={() => void alerts.refetch()} />
      ) : alerts.data.items.length === 0 ? (
        <Empty>
          <p>No alert from a security tool is attached to this incident.</p>
        </Empty>
      ) : (
        <div className="table-wrap">
          <table className="table table-cards">
            <caption className="visually-hidden">Alerts attached to this incident</caption>
            <thead>
              <tr>
                <th scope="col">Alert</th>
                <th scope="col">Severity</th>
                <th scope="col">Format</th>
                <th scope="col">Detected</th>
                <th scope="col">Received</th>
                <th scope="col">Assets</th>
              </tr>
            </thead>
            <tbody>
              {alerts.data.items.map((a) => (
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
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
