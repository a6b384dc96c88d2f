/** How a regime counts its deadline. Only elapsed hours exist so far; day-based counting comes with the catalogue. */
export type Counting = 'elapsed-hours';

/** The event that starts an obligation's clock. */
export type TriggerEvent = 'awareness';

/** One obligation of one regime, as data: what starts its clock, how long it runs, whom it serves, where the law says so. */
export interface Obligation {
  regime: string;
  obligation: string;
  trigger: TriggerEvent;
  counting: Counting;
  /** Length of the clock in the unit `counting` names. */
  amount: number;
  recipient: string;
  source: string;
}

/** GDPR Art. 33(1): notify the lead supervisory authority within 72 h of awareness. */
export const GDPR_AUTHORITY_NOTICE: Obligation = {
  regime: 'GDPR',
  obligation: 'notify-supervisory-authority',
  trigger: 'awareness',
  counting: 'elapsed-hours',
  amount: 72,
  recipient: 'lead supervisory authority',
  source: 'GDPR Art. 33(1)',
};

/** The obligations every incident carries from the start. */
export const DEFAULT_OBLIGATIONS: readonly Obligation[] = [GDPR_AUTHORITY_NOTICE];
