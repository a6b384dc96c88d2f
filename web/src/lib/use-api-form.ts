import { useRef, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { ApiError, problemFieldErrors, problemSummary } from '../api/problems';
import { randomId } from './ids';
import { zodFieldErrors } from './zod-issues';

interface ApiFormOptions<S extends z.ZodType, R> {
  /** The schema the API validates this request with (imported from src/domain). */
  schema: S;
  /** The request body from the form's current values. */
  body: () => unknown;
  /** Sends the body as the schema parsed it (trimmed, defaults filled); the key makes a retry after an outage safe (Idempotency-Key). */
  send: (body: z.output<S>, idempotencyKey: string) => Promise<R>;
  onSuccess?: (result: R) => void;
}

/** State and handlers of a form that validates with the API's zod schema, then sends, then shows the API's problem. */
export interface ApiForm {
  /** Messages by field path ("inputs.circumstances.rationale"). */
  errors: Record<string, string>;
  /** What to say at the top of the form: the problem's detail, or a pointer to the highlighted fields. */
  summary: string | null;
  pending: boolean;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  /** Forget errors (e.g. when the form is closed). */
  clear: () => void;
}

/**
 * A form that refuses bad input before sending (same zod schema as the API), keeps the API's field errors and
 * problem detail beside the fields, and moves focus to the first error so keyboard and screen-reader users land on it.
 */
export function useApiForm<S extends z.ZodType, R>({ schema, body, send, onSuccess }: ApiFormOptions<S, R>): ApiForm {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Kept across a transient failure so the retry replays; renewed once the server has answered.
  const key = useRef(randomId());

  const focusFirstError = (form: HTMLFormElement) => {
    requestAnimationFrame(() => {
      const target = form.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form.querySelector<HTMLElement>('.form-summary');
      target?.focus();
    });
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const form = event.currentTarget;
    const raw = body();
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error.issues));
      setSummary('Some values need fixing: see the highlighted fields. Nothing was sent.');
      focusFirstError(form);
      return;
    }
    setErrors({});
    setSummary(null);
    setPending(true);
    send(parsed.data, key.current)
      .then((result) => {
        key.current = randomId();
        setPending(false);
        onSuccess?.(result);
      })
      .catch((error: unknown) => {
        setPending(false);
        if (!(error instanceof ApiError)) {
          setSummary(error instanceof Error ? error.message : 'Something went wrong. Nothing was saved.');
          focusFirstError(form);
          return;
        }
        if (!error.transient) key.current = randomId();
        setErrors(problemFieldErrors(error.problem));
        setSummary(problemSummary(error));
        focusFirstError(form);
      });
  };

  return {
    errors,
    summary,
    pending,
    onSubmit,
    clear: () => {
      setErrors({});
      setSummary(null);
    },
  };
}

/** The message for a field or, for a list field, for its first item at fault ("countries.2" → countries). */
export function fieldError(errors: Record<string, string>, name: string): string | undefined {
  if (errors[name]) return errors[name];
  const item = Object.keys(errors).find((key) => key.startsWith(`${name}.`));
  if (!item) return undefined;
  const index = Number(item.slice(name.length + 1).split('.')[0]);
  return Number.isInteger(index) ? `Entry ${index + 1}: ${errors[item]}` : errors[item];
}
