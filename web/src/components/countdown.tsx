import { useRef } from 'react';
import { describeDuration, formatDuration } from '../lib/time-format';
import { useNow } from '../lib/use-now';
import { useVisible } from '../lib/use-visible';

/**
 * Time left until `dueAt`, ticking each second on the client ("2d 03:12:45 left", "04:10:00 late").
 * A met or waived clock shows no countdown. role="timer" keeps screen readers from announcing every tick. Out of view
 * it updates once a minute, so a board of a thousand clocks does not re-lay out the page every second.
 */
export function Countdown({ dueAt, status }: { dueAt: string | null; status: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  const now = useNow(useVisible(ref));
  if (!dueAt) return <span className="muted">Not started</span>;
  if (status === 'met' || status === 'waived') return <span className="muted">Stopped</span>;
  const seconds = Math.floor((Date.parse(dueAt) - now) / 1000);
  const late = seconds <= 0;
  const words = late ? `Overdue by ${describeDuration(-seconds)}` : `${describeDuration(seconds)} left`;
  const urgent = !late && seconds < 12 * 3600;
  return (
    <span ref={ref} role="timer" className={`countdown ${late ? 'countdown-late' : urgent ? 'countdown-soon' : ''}`} aria-label={words} title={words}>
      {late ? `${formatDuration(-seconds)} late` : `${formatDuration(seconds)} left`}
    </span>
  );
}
