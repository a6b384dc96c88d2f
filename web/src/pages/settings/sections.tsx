import type { ReactElement } from 'react';
import type { RouteObject } from 'react-router';
import type { Operation } from '../../api/permissions';
import { ApiKeysSettings } from './api-keys';
import { ContactsSettings } from './contacts';
import { IntakeSourcesSettings } from './intake-sources';
import { OrganisationSettings } from './organisation';

/** Settings sections, the operation whose roles decide who sees each, and their pages. */
export const SETTINGS_SECTIONS: readonly { path: string; label: string; operation: Operation; element: ReactElement }[] = [
  { path: 'contacts', label: 'Contacts', operation: 'GET /v1/contacts', element: <ContactsSettings /> },
  { path: 'organisation', label: 'Organisation', operation: 'PUT /v1/organisation', element: <OrganisationSettings /> },
  { path: 'intake-sources', label: 'Intake sources', operation: 'GET /v1/intake-sources', element: <IntakeSourcesSettings /> },
  { path: 'api-keys', label: 'API keys', operation: 'GET /v1/api-keys', element: <ApiKeysSettings /> },
];

/** Child routes of /settings. */
export const settingsRoutes: RouteObject[] = SETTINGS_SECTIONS.map((s) => ({ path: s.path, element: s.element }));
