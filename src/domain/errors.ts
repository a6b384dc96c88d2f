/** What kind of rule a write broke: the API answers 409, 404 or 422 for these. */
export type IncidentRuleKind = 'conflict' | 'not-found' | 'invalid';

/** A field the rule names, as a zod-style path inside the request body. */
export interface RuleIssue {
  path: (string | number)[];
  message: string;
}

/** A write the incident's current state does not allow, with what is missing. */
export class IncidentRuleError extends Error {
  constructor(
    readonly kind: IncidentRuleKind,
    message: string,
    readonly issues: RuleIssue[] = [],
  ) {
    super(message);
    this.name = 'IncidentRuleError';
  }
}
