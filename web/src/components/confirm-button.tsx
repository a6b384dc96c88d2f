import { useState, type ReactNode } from 'react';

/** A destructive action that asks once more inline before it runs (no blocking browser dialog). */
export function ConfirmButton({
  label,
  confirmLabel,
  question,
  onConfirm,
  pending = false,
  variant = 'danger',
}: {
  label: ReactNode;
  confirmLabel: string;
  question: ReactNode;
  onConfirm: () => void;
  pending?: boolean;
  variant?: 'danger' | 'secondary';
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className={`button button-small ${variant === 'danger' ? 'button-ghost-danger' : 'button-ghost'}`} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label="Confirm">
      <span className="confirm-question">{question}</span>
      <button
        type="button"
        className={`button button-small button-${variant}`}
        disabled={pending}
        onClick={() => {
          onConfirm();
          setAsking(false);
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="button button-small button-ghost" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
