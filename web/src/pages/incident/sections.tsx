import type { RouteObject } from 'react-router';
import { AlertsSection } from './alerts';
import { ClosureSection } from './closure';
import { ContainmentSection } from './containment';
import { EvidenceSection } from './evidence';
import { InvestigationSection } from './investigation';
import { NotificationSection } from './notification';
import { OverviewSection } from './overview';
import { RiskSection } from './risk';
import { TimelineSection } from './timeline';

/** The incident page's sections, in lifecycle order: tab label, path under /incidents/:id, and page. */
export const INCIDENT_SECTIONS = [
  { path: '', label: 'Clocks', element: <OverviewSection /> },
  { path: 'containment', label: 'Containment', element: <ContainmentSection /> },
  { path: 'investigation', label: 'Investigation', element: <InvestigationSection /> },
  { path: 'evidence', label: 'Evidence', element: <EvidenceSection /> },
  { path: 'risk', label: 'Risk', element: <RiskSection /> },
  { path: 'notification', label: 'Notification', element: <NotificationSection /> },
  { path: 'alerts', label: 'Alerts', element: <AlertsSection /> },
  { path: 'timeline', label: 'Timeline', element: <TimelineSection /> },
  { path: 'closure', label: 'Closure', element: <ClosureSection /> },
] as const;

/** Child routes of /incidents/:id. */
export const incidentSectionRoutes: RouteObject[] = INCIDENT_SECTIONS.map((section) =>
  section.path === '' ? { index: true, element: section.element } : { path: section.path, element: section.element },
);
