import { describeDuration, formatDuration } from '../lib/time-format';
import { useNow } from '../lib/use-now';

/**
 * Time left until `dueAt`, ticking each second on the client ("2d 03:12:45 left", "overdue by 04:10:00").
 * A met or waived clock shows no countdown. role="timer" keeps screen readers from announcing every tick.
 */
export function Countdown({ dueAt, status }: { dueAt: string | null; status: string }) {
  const now = useNow();
  if (!dueAt) return <span className="muted">Not started</span>;
  if (status === 'met' || status === 'waived') return <span className="muted">Stopped</span>;
  const seconds = Math.floor((Date.parse(dueAt) - now) / 1000);
  const late = seconds <= 0;
  const words = late ? `Overdue by ${describeDuration(-seconds)}` : `${describeDuration(seconds)} left`;
  const urgent = !late && seconds < 12 * 3600;
  return (
    <span role="timer" className={`countdown ${late ? 'countdown-late' : urgent ? 'countdown-soon' : ''}`} aria-label={words} title={words}>
      {late ? `overdue by ${formatDuration(-seconds)}` : `${formatDuration(seconds)} left`}
    </span>
  );
}
