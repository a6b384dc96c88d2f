import { createContext, useId, type ReactNode } from 'react';

/** The id of the enclosing form card's heading, which names the form inside it. */
export const CardHeadingContext = createContext<string | undefined>(undefined);

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
  const headingId = useId();
  return (
    <div className={`form-card ${className}`} id={id}>
      <Heading id={headingId}>{title}</Heading>
      <CardHeadingContext.Provider value={headingId}>{children}</CardHeadingContext.Provider>
    </div>
  );
}
