import { NavLink, Outlet, useLocation } from 'react-router';
import type { Role } from '@domain/roles';
import { roleMay } from '../../api/permissions';
import { useSession } from '../../api/session';
import { PageHeader } from '../../components/page-header';
import { SETTINGS_SECTIONS } from './sections';

/** Settings for the DPO and administrators: contacts, organisation, and (admin) intake sources and API keys. */
export function SettingsPage() {
  const { role } = useSession();
  const { pathname } = useLocation();
  const current = SETTINGS_SECTIONS.find((s) => pathname.startsWith(`/settings/${s.path}`));
  if (role !== 'dpo' && role !== 'admin') {
    return (
      <>
        <PageHeader title="Settings" documentTitle="Settings" />
        <p>Settings are for the DPO and administrators. Your role may not change them.</p>
      </>
    );
  }
  return (
    <>
      <PageHeader title="Settings" documentTitle={current ? `${current.label} · Settings` : 'Settings'} />
      <nav aria-label="Settings sections" className="tabs">
        <ul>
          {SETTINGS_SECTIONS.filter((s) => roleMay(role as Role, s.operation)).map((s) => (
            <li key={s.path}>
              <NavLink to={`/settings/${s.path}`}>{s.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="tab-panel">
        <Outlet />
      </div>
    </>
  );
}
