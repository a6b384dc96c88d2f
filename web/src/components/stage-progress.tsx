import { StageSchema, type Stage } from '@domain/incident';
import { STAGE_LABELS } from '../lib/labels';

/** The lifecycle from detected to closed, with the incident's current stage marked (aria-current="step"). */
export function StageProgress({ stage }: { stage: Stage }) {
  const current = StageSchema.options.indexOf(stage);
  return (
    <div className="stage-progress-wrap">
      <ol className="stage-progress" aria-label="Stage progress">
        {StageSchema.options.map((s, i) => {
          const state = i < current ? 'done' : i === current ? 'current' : 'todo';
          return (
            <li key={s} className={`stage stage-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              <span className="stage-marker" aria-hidden="true">
                {state === 'done' ? '✓' : i + 1}
              </span>
              <span className="stage-label">
                {STAGE_LABELS[s]}
                <span className="visually-hidden">{state === 'done' ? ' (passed)' : state === 'current' ? ' (current stage)' : ' (to come)'}</span>
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
