import type { z } from 'zod';

/** One reported issue: the full zod path, the code and the message. */
export interface ReportedIssue {
  path: (string | number)[];
  code: string;
  message: string;
}

type Issue = z.core.$ZodIssue;

/** Whether the issue refuses a key the branch does not allow (a strict object's unknown key, or an `absent()` key). */
function refusesKey(issue: Issue): boolean {
  return issue.code === 'unrecognized_keys' || (issue.code === 'invalid_type' && issue.expected === 'undefined');
}

/** Whether the issues come from an object branch: they name a field or an unknown key, not just the value's type. */
function isObjectBranch(issues: Issue[]): boolean {
  return issues.some((i) => i.path.length > 0 || i.code === 'unrecognized_keys');
}

function sameIssues(a: Issue[], b: Issue[]): boolean {
  return a.length === b.length && a.every((issue, i) => issue.code === b[i]?.code && issue.message === b[i]?.message && issue.path.join('\u0000') === b[i]?.path.join('\u0000'));
}

/**
 * The branch of a failed union the request most likely meant: fewest issues, then fewest refused keys, then
 * the first declared. Undefined when the branches are not objects and differ (e.g. string | number).
 */
function closestBranch(branches: Issue[][]): Issue[] | undefined {
  if (branches.length === 0) return undefined;
  if (branches.every((b) => sameIssues(b, branches[0]!))) return branches[0];
  if (!branches.every(isObjectBranch)) return undefined;
  const score = (b: Issue[]) => [b.length, b.filter(refusesKey).length] as const;
  return branches.reduce((best, b) => {
    const [n, refused] = score(b);
    const [bestN, bestRefused] = score(best);
    return n < bestN || (n === bestN && refused < bestRefused) ? b : best;
  });
}

/**
 * The issues of a zod error as the API reports them. A union that matched no branch reports the issues of
 * its closest branch, with their full paths, instead of one "Invalid input" at the union: so a body missing
 * a field its chosen form requires names that field.
 */
export function reportedIssues(issues: readonly Issue[], prefix: PropertyKey[] = []): ReportedIssue[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    const branch = issue.code === 'invalid_union' ? closestBranch(issue.errors) : undefined;
    if (branch) return reportedIssues(branch, path);
    return [{ path: path.map((p) => (typeof p === 'symbol' ? String(p) : p)), code: issue.code, message: issue.message }];
  });
}
