import { formatInstant, utcIso } from '../lib/time-format';

/** An instant in the viewer's time zone; the UTC instant is in `dateTime` and the tooltip. */
export function Time({ value, zone = false }: { value: string | null | undefined; zone?: boolean }) {
  if (!value) return <span className="muted">—</span>;
  const utc = utcIso(value);
  return (
    <time dateTime={utc} title={`${utc} UTC`}>
      {formatInstant(value, { zone })}
    </time>
  );
}
