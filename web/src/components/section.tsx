import type { ReactNode } from 'react';

/** A titled panel of a page; its h2 names the region for screen-reader navigation. */
export function Section({ id, title, children, actions, description }: { id: string; title: ReactNode; children: ReactNode; actions?: ReactNode; description?: ReactNode }) {
  return (
    <section className="panel" aria-labelledby={`${id}-heading`} id={id}>
      <div className="section-head">
        <h2 id={`${id}-heading`}>{title}</h2>
        {actions && <div className="section-actions">{actions}</div>}
      </div>
      {description && <p className="section-description">{description}</p>}
      {children}
    </section>
  );
}

/** A form card with its own heading: h3 inside a section, h2 when it stands alone on the page. */
export function FormCard({ title, children, id, level = 3, className = '' }: { title: ReactNode; children: ReactNode; id?: string; level?: 2 | 3; className?: string }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <div className={`form-card ${className}`} id={id}>
      <Heading>{title}</Heading>
      {children}
    </div>
  );
}
