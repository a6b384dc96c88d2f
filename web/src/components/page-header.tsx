import type { ReactNode } from 'react';
import { usePageTitle } from '../lib/use-page-title';

/** The page's h1 (focused after navigation, so screen readers announce the new page), its title and actions. */
export function PageHeader({ title, documentTitle, lead, actions, eyebrow }: { title: ReactNode; documentTitle: string; lead?: ReactNode; actions?: ReactNode; eyebrow?: ReactNode }) {
  usePageTitle(documentTitle);
  return (
    <div className="page-header">
      <div>
        {eyebrow && <p className="eyebrow">{eyebrow}</p>}
        <h1 tabIndex={-1} id="page-title">
          {title}
        </h1>
        {lead && <p className="lead">{lead}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}
