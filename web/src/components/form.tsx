import { useContext, type FormEvent, type ReactNode } from 'react';
import type { ApiForm } from '../lib/use-api-form';
import { CardHeadingContext } from './section';

/** The label of a path, or of its closest labelled parent ("countries.2" → "Countries, entry 3"). */
function labelOf(path: string, labels: Record<string, string>): string {
  if (labels[path]) return labels[path];
  const parts = path.split('.');
  for (let i = parts.length - 1; i > 0; i -= 1) {
    const parent = parts.slice(0, i).join('.');
    const index = Number(parts[i]);
    if (labels[parent]) return Number.isInteger(index) ? `${labels[parent]}, entry ${index + 1}` : labels[parent];
  }
  return path;
}

/**
 * The top of a form after a failed submit: what went wrong and, for each field, its message. Announced as an
 * alert and focusable, so the problem's detail (a 409's reason, a 503) is read even when no field is at fault.
 */
export function FormSummary({ form, labels = {} }: { form: ApiForm; labels?: Record<string, string> }) {
  if (!form.summary) return null;
  // A 409's detail already spells out each of its issues; list only what it does not say.
  const entries = Object.entries(form.errors).filter(([, message]) => !form.summary!.includes(message));
  return (
    <div className="form-summary" role="alert" tabIndex={-1}>
      <p className="form-summary-title">{form.summary}</p>
      {entries.length > 0 && (
        <ul>
          {entries.map(([path, message]) => (
            <li key={path}>
              {path === '' ? message : `${labelOf(path, labels)}: ${message}`}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The failure of an action outside a form (revoke, rotate, acknowledge), announced as an alert. */
export function ActionError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="form-summary" role="alert">
      {message}
    </p>
  );
}

/** A form's submit button, disabled and relabelled while the request is in flight. */
export function SubmitButton({ form, children, pendingLabel = 'Saving…', variant = 'primary' }: { form: ApiForm; children: ReactNode; pendingLabel?: string; variant?: 'primary' | 'danger' | 'secondary' }) {
  return (
    <button type="submit" className={`button button-${variant}`} disabled={form.pending} aria-disabled={form.pending}>
      {form.pending ? pendingLabel : children}
    </button>
  );
}

/** A form that validates before sending (noValidate: the zod schema, not the browser, says what is wrong), named by its card's heading. */
export function Form({ form, children, className = 'form', onSubmit }: { form: ApiForm; children: ReactNode; className?: string; onSubmit?: (event: FormEvent<HTMLFormElement>) => void }) {
  const headingId = useContext(CardHeadingContext);
  return (
    <form noValidate onSubmit={onSubmit ?? form.onSubmit} className={className} aria-labelledby={headingId}>
      {children}
    </form>
  );
}
