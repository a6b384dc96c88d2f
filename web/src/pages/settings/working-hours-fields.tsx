import { useId } from 'react';
import { WEEKDAYS, type Weekday, type WorkingHours } from '@domain/working-hours';
import { CheckboxField, CheckboxGroup, TextField } from '../../components/field';
import { WEEKDAY_NAMES, weekdaysText } from '../../lib/labels';
import { viewerTimeZone } from '../../lib/time-format';
import { fieldError } from '../../lib/use-api-form';

/** A contact's working hours as the form holds them: off, or the window being typed (days as checkbox values). */
export interface WorkingHoursInput {
  on: boolean;
  zone: string;
  days: string[];
  start: string;
  end: string;
}

/** Labels of the working-hours fields by error path, for the form summary. */
export const WORKING_HOURS_LABELS = {
  workingHours: 'Working hours',
  'workingHours.zone': 'Time zone',
  'workingHours.days': 'Working days',
  'workingHours.start': 'From',
  'workingHours.end': 'Until',
};

const DAY_OPTIONS = WEEKDAYS.map((day) => [String(day), WEEKDAY_NAMES[day]] as const);

// Chromium and Firefox list the zones they know; the API's zone database decides what it accepts.
const ZONES: readonly string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

/** The form's values for stored working hours; none stored: off, with the viewer's zone and Mon–Fri 09:00–17:00 ready. */
export function workingHoursInput(hours: WorkingHours | null): WorkingHoursInput {
  if (!hours) return { on: false, zone: viewerTimeZone, days: ['1', '2', '3', '4', '5'], start: '09:00', end: '17:00' };
  return { on: true, zone: hours.zone, days: hours.days.map(String), start: hours.start, end: hours.end };
}

/** The request's `workingHours`: the window as typed (the schema judges it), or null when off (any time). */
export function workingHoursBody(input: WorkingHoursInput): WorkingHours | null {
  if (!input.on) return null;
  const days = input.days.map(Number).sort((a, b) => a - b) as Weekday[];
  return { zone: input.zone.trim(), days, start: input.start, end: input.end };
}

/** Working hours in a table: "Mon–Fri 09:00–17:00 Europe/Berlin", or "Any time". */
export function workingHoursText(hours: WorkingHours | null): string {
  return hours ? `${weekdaysText(hours.days)} ${hours.start}–${hours.end} ${hours.zone}` : 'Any time';
}

/** The "only during working hours" toggle and, when on, the zone, days and times, each with its error. */
export function WorkingHoursFields({ value, onChange, errors }: { value: WorkingHoursInput; onChange: (value: WorkingHoursInput) => void; errors: Record<string, string> }) {
  const zonesId = useId();
  const set =
    <K extends keyof WorkingHoursInput>(name: K) =>
    (v: WorkingHoursInput[K]) =>
      onChange({ ...value, [name]: v });
  return (
    <fieldset className="field-set">
      <legend>Working hours</legend>
      <CheckboxField
        label="Only during working hours"
        name="workingHoursOn"
        checked={value.on}
        onChange={set('on')}
        error={errors.workingHours}
        hint="Applies to reminders whose rung waits for working hours: they are held until the next window. Overdue notices always go at once."
      />
      {value.on && (
        <>
          <TextField
            label={WORKING_HOURS_LABELS['workingHours.zone']}
            name="workingHoursZone"
            required
            value={value.zone}
            onChange={set('zone')}
            error={errors['workingHours.zone']}
            hint={`An IANA zone, e.g. Europe/Berlin. Yours: ${viewerTimeZone}.`}
            inputProps={{ list: zonesId, autoComplete: 'off', spellCheck: false }}
          />
          <datalist id={zonesId}>
            {ZONES.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
          <CheckboxGroup legend={WORKING_HOURS_LABELS['workingHours.days']} name="workingHoursDays" options={DAY_OPTIONS} values={value.days} onChange={set('days')} error={fieldError(errors, 'workingHours.days')} />
          <div className="field-row">
            <TextField label={WORKING_HOURS_LABELS['workingHours.start']} name="workingHoursStart" type="time" required value={value.start} onChange={set('start')} error={errors['workingHours.start']} />
            <TextField label={WORKING_HOURS_LABELS['workingHours.end']} name="workingHoursEnd" type="time" required value={value.end} onChange={set('end')} error={errors['workingHours.end']} hint="Local time in the zone; the window ends the same day." />
          </div>
        </>
      )}
    </fieldset>
  );
}
