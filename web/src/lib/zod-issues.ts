import type { z } from 'zod';
import { pathKey } from '../api/problems';

type Issue = z.core.$ZodIssue;

// zod's stock messages ("Too small: expected string to have >=1 characters") read as a developer's; the schemas'
// own messages ("Give an email address or a webhook URL") are kept as written.
function friendly(issue: Issue): string {
  const stock = /^(Invalid input|Too small|Too big|Invalid ISO datetime|Invalid string|Invalid option|Invalid number)/.test(issue.message);
  if (!stock) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      if ((issue as { input?: unknown }).input === undefined || issue.message.includes('received undefined')) return 'Required';
      if (issue.expected === 'int') return 'Enter a whole number';
      if (issue.expected === 'number') return 'Enter a number';
      return issue.message;
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'Required';
      if (issue.origin === 'string') return `At least ${String(issue.minimum)} characters`;
      if (issue.origin === 'array') return `Choose at least ${String(issue.minimum)}`;
      return `Must be ${issue.inclusive ? 'at least' : 'more than'} ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'string') return `At most ${String(issue.maximum)} characters`;
      if (issue.origin === 'array') return `At most ${String(issue.maximum)} entries`;
      return `Must be ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}`;
    case 'invalid_format':
      return issue.format === 'datetime' ? 'Enter a date and time' : issue.format === 'email' ? 'Enter an email address' : issue.format === 'url' ? 'Enter a URL' : issue.message;
    case 'invalid_value':
      return 'Choose one of the options';
    case 'not_multiple_of':
      return `Must be a multiple of ${String(issue.divisor)}`;
    default:
      return issue.message;
  }
}

/**
 * The issues of a failed parse as field messages keyed by path. A union reports one list per branch; the branch
 * that came closest (fewest issues) is the one the person meant, so its issues are shown.
 */
export function zodFieldErrors(issues: readonly Issue[], prefix: readonly PropertyKey[] = []): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const closest = issue.errors.reduce((best, branch) => (branch.length < best.length ? branch : best));
      for (const [key, message] of Object.entries(zodFieldErrors(closest, path))) errors[key] ??= message;
      continue;
    }
    errors[pathKey(path)] ??= friendly(issue);
  }
  return errors;
}
