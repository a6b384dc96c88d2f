import type { ReactNode } from 'react';
import { ApiError } from '../api/problems';

/** Shown while a section loads; polite so it does not interrupt. */
export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p className="state state-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {what}…
    </p>
  );
}

/** Shown when a read failed: the problem's detail and a retry button. */
export function ErrorState({ error, onRetry, what = 'This' }: { error: unknown; onRetry?: () => void; what?: string }) {
  const detail =
    error instanceof ApiError
      ? error.status === 403
        ? `Your role may not see ${what.toLowerCase()}.`
        : error.status === 503
          ? `${error.problem.detail || 'A service is unavailable.'} Retrying shortly.`
          : error.problem.detail || error.problem.title
      : error instanceof Error
        ? error.message
        : 'Something went wrong.';
  return (
    <div className="state state-error" role="alert">
      <p>
        <strong>{what} could not be loaded.</strong> {detail}
      </p>
      {error instanceof ApiError && (error.problem.errors?.length ?? 0) > 0 && (
        <ul>
          {error.problem.errors!.map((issue, i) => (
            <li key={i}>
              {issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}
              {issue.message}
            </li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** Shown when a list has nothing in it, saying why and what to do. */
export function Empty({ children }: { children: ReactNode }) {
  return <div className="state state-empty">{children}</div>;
}

/** What QueryView reads of a `useQuery` or `useInfiniteQuery` result. */
type Read<T> = { isPending: boolean; isError: boolean; error: unknown; data: T | undefined; refetch: () => Promise<unknown> };

/**
 * The four states of a read: loading, failed with nothing to show, empty, and its data. A failed refetch keeps
 * the last data on screen; with `errorWhenEmpty` (the paged lists) it shows the error instead of an empty list.
 */
export function QueryView<T>({
  query,
  what,
  loading,
  isEmpty,
  empty,
  errorWhenEmpty = false,
  retry = true,
  children,
}: {
  query: Read<T>;
  what: string;
  loading: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  errorWhenEmpty?: boolean;
  retry?: boolean;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading what={loading} />;
  const data = query.data;
  const nothing = data === undefined || (isEmpty?.(data) ?? false);
  if (query.isError && (data === undefined || (errorWhenEmpty && nothing))) {
    return <ErrorState error={query.error} what={what} onRetry={retry ? () => void query.refetch() : undefined} />;
  }
  return <>{data === undefined || nothing ? empty : children(data)}</>;
}
