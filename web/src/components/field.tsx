import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

/** Props a field hands to its control so the label, hint and error are announced with it. */
export interface ControlProps {
  id: string;
  name: string;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
  required: boolean | undefined;
}

interface FieldProps {
  label: ReactNode;
  name: string;
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
  /** Element id of the control; defaults to one derived from the form and the name. */
  id?: string;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

/** A labelled control with its hint and error beside it (aria-describedby, aria-invalid). */
export function Field({ label, name, error, hint, required, id, className, children }: FieldProps) {
  const auto = useId();
  const controlId = id ?? `${auto}-${name}`;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${error ? 'field-invalid' : ''} ${className ?? ''}`}>
      {/* The markers sit outside the label so the control's accessible name is the label alone; "required" is announced from the attribute. */}
      <div className="label-line">
        <label htmlFor={controlId}>{label}</label>
        {required ? (
          <span className="required" aria-hidden="true">
            *
          </span>
        ) : (
          <span className="optional" aria-hidden="true">
            (optional)
          </span>
        )}
      </div>
      {children({ id: controlId, name, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy, required })}
      {error && (
        <p className="field-error" id={errorId}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}

type Common = Omit<FieldProps, 'children'>;

/** A one-line text (or number, email, url, datetime-local) input with label, hint and error. */
export function TextField({
  value,
  onChange,
  type = 'text',
  inputProps,
  ...field
}: Common & { value: string; onChange: (value: string) => void; type?: string; inputProps?: InputHTMLAttributes<HTMLInputElement> }) {
  return (
    <Field {...field}>
      {(control) => <input {...control} {...inputProps} type={type} value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

/** A multi-line text input with label, hint and error. */
export function TextArea({
  value,
  onChange,
  rows = 4,
  textareaProps,
  ...field
}: Common & { value: string; onChange: (value: string) => void; rows?: number; textareaProps?: TextareaHTMLAttributes<HTMLTextAreaElement> }) {
  return (
    <Field {...field}>
      {(control) => <textarea {...control} {...textareaProps} rows={rows} value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

/** A select with label, hint and error; options are [value, label] pairs. */
export function SelectField({
  value,
  onChange,
  options,
  placeholder,
  selectProps,
  ...field
}: Common & {
  value: string;
  onChange: (value: string) => void;
  options: readonly (readonly [string, string])[];
  placeholder?: string;
  selectProps?: SelectHTMLAttributes<HTMLSelectElement>;
}) {
  return (
    <Field {...field}>
      {(control) => (
        <select {...control} {...selectProps} value={value} onChange={(e) => onChange(e.target.value)}>
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A checkbox with its label after it, and its hint and error. */
export function CheckboxField({
  label,
  name,
  checked,
  onChange,
  error,
  hint,
}: {
  label: ReactNode;
  name: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string | undefined;
  hint?: ReactNode;
}) {
  const auto = useId();
  const id = `${auto}-${name}`;
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field field-checkbox ${error ? 'field-invalid' : ''}`}>
      <input
        type="checkbox"
        id={id}
        name={name}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </div>
  );
}

/** A group of checkboxes for a list value (fieldset + legend), with one error for the list. */
export function CheckboxGroup({
  legend,
  name,
  options,
  values,
  onChange,
  error,
  hint,
}: {
  legend: ReactNode;
  name: string;
  options: readonly (readonly [string, string])[];
  values: readonly string[];
  onChange: (values: string[]) => void;
  error?: string | undefined;
  hint?: ReactNode;
}) {
  const auto = useId();
  const errorId = `${auto}-${name}-error`;
  const hintId = `${auto}-${name}-hint`;
  return (
    <fieldset
      className={`field checkbox-group ${error ? 'field-invalid' : ''}`}
      aria-describedby={[error ? errorId : '', hint ? hintId : ''].filter(Boolean).join(' ') || undefined}
      aria-invalid={error ? true : undefined}
    >
      <legend>{legend}</legend>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      <div className="checkbox-options">
        {options.map(([value, label]) => (
          <label key={value} className="checkbox-option">
            <input
              type="checkbox"
              name={name}
              value={value}
              checked={values.includes(value)}
              onChange={(e) => onChange(e.target.checked ? [...values, value] : values.filter((v) => v !== value))}
            />
            {label}
          </label>
        ))}
      </div>
      {error && (
        <p className="field-error" id={errorId}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </fieldset>
  );
}
