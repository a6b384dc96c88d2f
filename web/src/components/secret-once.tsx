import { useEffect, useRef } from 'react';
import { CopyButton } from './copy-button';

/** A secret the server shows this once (API key, signing secret): copy button, warning, and a dismiss button. */
export function SecretOnce({ title, secret, onDone, what }: { title: string; secret: string; onDone: () => void; what: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="secret-once" role="region" aria-labelledby="secret-once-title" tabIndex={-1} ref={ref}>
      <h3 id="secret-once-title">{title}</h3>
      <p className="warning-note">
        <strong>Copy it now.</strong> This {what} is shown only once: the server keeps only a hash of it. If you lose it, rotate or create a new one.
      </p>
      <label htmlFor="secret-once-value">{what[0]!.toUpperCase() + what.slice(1)}</label>
      <div className="input-with-button">
        <input id="secret-once-value" className="mono" readOnly value={secret} onFocus={(e) => e.currentTarget.select()} />
        <CopyButton text={secret} label={`Copy the ${what}`} className="button button-primary" />
      </div>
      <p>
        <button type="button" className="button button-ghost" onClick={onDone}>
          I have stored it safely
        </button>
      </p>
    </div>
  );
}
