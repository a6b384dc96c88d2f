import type { EscalationFacts } from '../activities/escalation-message';
import {
  answerError,
  DeliveryError,
  guardedPost,
  requirePositiveTimeout,
  type DeliveryErrorDetails,
  type DeliveryResult,
  type GuardedPostOptions,
} from './guarded-post';
import type { SsrfGuard } from './ssrf-guard';

/** A Teams message with one Adaptive Card, as a Teams workflow ("When a Teams webhook request is received") takes it. */
export interface TeamsCardMessage {
  type: 'message';
  attachments: [
    {
      contentType: 'application/vnd.microsoft.card.adaptive';
      contentUrl: null;
      content: AdaptiveCard;
    },
  ];
}

/** The subset of the Adaptive Card schema the escalation uses. */
export interface AdaptiveCard {
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  type: 'AdaptiveCard';
  version: typeof ADAPTIVE_CARD_VERSION;
  msteams?: { width: 'Full' };
  body: AdaptiveElement[];
  actions: { type: 'Action.OpenUrl'; title: string; url: string }[];
}

type AdaptiveElement =
  | { type: 'TextBlock'; text: string; wrap: true; weight?: 'Bolder'; size?: 'Medium' | 'Large'; color?: 'Attention' | 'Warning'; isSubtle?: true }
  | { type: 'FactSet'; facts: { title: string; value: string }[] };

// Teams renders Adaptive Cards up to 1.5 on desktop and web, but mobile clients and workflow posts lag; 1.4 shows everywhere.
export const ADAPTIVE_CARD_VERSION = '1.4';

/** A Teams message that was not posted. */
export class TeamsDeliveryError extends DeliveryError {
  constructor(message: string, details: DeliveryErrorDetails) {
    super(message, details);
    this.name = 'TeamsDeliveryError';
  }
}

/**
 * The escalation as an Adaptive Card. A workflow webhook has no way back to us, so the card links to the console page,
 * which acknowledges on its own button.
 */
export function teamsEscalationCard(facts: EscalationFacts): TeamsCardMessage {
  const overdue = facts.kind !== 'reminder';
  const what = `${facts.regime} ${facts.obligation}${facts.source === undefined ? '' : ` (${facts.source}, to ${facts.recipient ?? ''})`}`;
  // {{DATE()}} and {{TIME()}} render in each reader's own time zone (Adaptive Cards text formatting).
  const when = `{{DATE(${isoSeconds(facts.dueAt)}, SHORT)}} {{TIME(${isoSeconds(facts.dueAt)})}}`;
  const body: AdaptiveElement[] = [
    {
      type: 'TextBlock',
      text: `[${facts.reference}] ${overdue ? 'OVERDUE' : 'Due soon'}: ${facts.regime} ${facts.obligation}`,
      wrap: true,
      weight: 'Bolder',
      size: 'Medium',
      color: overdue ? 'Attention' : 'Warning',
    },
    {
      type: 'TextBlock',
      text: overdue ? `The deadline for ${what} passed at ${when} without a notice recorded.` : `The deadline for ${what} falls at ${when}.`,
      wrap: true,
    },
    {
      type: 'FactSet',
      facts: [
        { title: 'Incident', value: `${facts.reference} — ${facts.title}` },
        { title: 'Ladder step', value: `${facts.rung} (to ${facts.recipients.join(', ')})` },
        { title: 'Due (UTC)', value: facts.dueAt },
      ],
    },
  ];
  // GDPR Art. 33(1): a notification made after 72 hours must be accompanied by the reasons for the delay.
  if (overdue) body.push({ type: 'TextBlock', text: 'A late notice must state the reasons for the delay (GDPR Art. 33(1)).', wrap: true, isSubtle: true });
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: ADAPTIVE_CARD_VERSION,
          msteams: { width: 'Full' },
          body,
          actions: [{ type: 'Action.OpenUrl', title: 'Open and acknowledge', url: facts.escalationUrl }],
        },
      },
    ],
  };
}

/** Settings of the Teams sender: the SSRF guard, the overall timeout per attempt in ms. */
export interface TeamsSenderOptions {
  guard: SsrfGuard;
  timeoutMs: number;
}

/** Posts escalation cards to Teams workflow webhooks, once per call; throws TeamsDeliveryError. */
export interface TeamsSender {
  send(delivery: { url: string; facts: EscalationFacts }): Promise<DeliveryResult>;
}

/**
 * Microsoft ships no client for workflow webhooks (the Bot Framework SDKs are for bots), so this posts by hand through
 * guardedPost. A workflow answers 202 Accepted before it runs; a failure inside the flow is visible only in its run history.
 */
export function createTeamsSender({ guard, timeoutMs }: TeamsSenderOptions): TeamsSender {
  requirePositiveTimeout(timeoutMs);
  const postOptions: GuardedPostOptions = { guard, timeoutMs, label: 'Teams', errorClass: TeamsDeliveryError };
  return {
    async send({ url, facts }) {
      const body = JSON.stringify(teamsEscalationCard(facts));
      const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
      const answer = await guardedPost(url, body, headers, postOptions);
      const failure = answerError(answer, { ...postOptions, vendorError: teamsErrorText(answer.body) });
      if (failure) throw failure;
      return { status: answer.status, durationMs: answer.durationMs };
    },
  };
}

/** Power Automate answers errors as `{"error":{"code":"…","message":"…"}}`. */
function teamsErrorText(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } };
    const { code, message } = parsed.error ?? {};
    if (typeof code === 'string') return typeof message === 'string' ? `${code}: ${message.slice(0, 200)}` : code;
  } catch {
    // Not JSON: nothing more to say than the status.
  }
  return undefined;
}

/** Adaptive Cards' DATE/TIME functions take RFC 3339 without fractional seconds. */
function isoSeconds(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
