import { createTransport, type NodemailerError } from 'nodemailer';

/** One plain-text email. */
export interface EmailMessage {
  /** Deterministic `<…@…>`, so a resend of the same step carries the same Message-ID and can be deduplicated. */
  messageId: string;
  to: string;
  subject: string;
  text: string;
  headers?: Record<string, string>;
}

/** The server's final reply once it took the message (250), and the recipients it accepted or refused. */
export interface EmailSendResult {
  response: string;
  accepted: string[];
  rejected: string[];
}

/** Settings of the SMTP sender: server URL (`smtp://…`, `smtps://…`), sender address, per-phase timeout in ms. */
export interface SmtpEmailSenderOptions {
  smtpUrl: string;
  from: string;
  timeoutMs: number;
}

/** Sends emails over one transport; throws EmailDeliveryError when the server did not take the message. */
export interface EmailSender {
  send(message: EmailMessage): Promise<EmailSendResult>;
  close(): void;
}

/** An email the server did not take; `retryable` says whether sending the same message again may succeed. */
export class EmailDeliveryError extends Error {
  readonly retryable: boolean;
  /** The SMTP reply code, when the server gave one. */
  readonly responseCode: number | undefined;

  constructor(message: string, details: { retryable: boolean; responseCode?: number; cause?: unknown }) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'EmailDeliveryError';
    this.retryable = details.retryable;
    this.responseCode = details.responseCode;
  }
}

const MESSAGE_ID = /^<[^<>\s@]+@[^<>\s@]+>$/;

// Local failures that sending the same message again cannot fix. Anything else without an SMTP reply
// (connection, DNS, TLS, timeouts, unknown) is retried: an escalation must not be dropped silently.
const PERMANENT_LOCAL_CODES = new Set(['ECONFIG', 'ENOAUTH', 'EENVELOPE', 'EMAXRECIPIENTS', 'EFILEACCESS', 'EURLACCESS']);

/** An EmailSender over SMTP with nodemailer: one connection per message, no pooling. */
export function createSmtpEmailSender({ smtpUrl, from, timeoutMs }: SmtpEmailSenderOptions): EmailSender {
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new RangeError('timeoutMs must be a positive number');
  const transport = createTransport({
    url: smtpUrl,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
  });

  return {
    async send(message) {
      if (!MESSAGE_ID.test(message.messageId)) {
        throw new EmailDeliveryError(`Message-ID must look like <local@domain>: ${JSON.stringify(message.messageId)}`, {
          retryable: false,
        });
      }
      try {
        const info = await transport.sendMail({
          from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          messageId: message.messageId,
          headers: message.headers,
        });
        return { response: info.response, accepted: info.accepted.map(String), rejected: info.rejected.map(String) };
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
    close() {
      transport.close();
    },
  };
}

function toDeliveryError(error: unknown): EmailDeliveryError {
  if (!(error instanceof Error)) return new EmailDeliveryError(`Email not sent: ${String(error)}`, { retryable: true, cause: error });
  const { code, responseCode } = error as NodemailerError;
  if (responseCode !== undefined && responseCode >= 400) {
    // RFC 5321 §4.2.1: 4yz is transient, 5yz permanent. 503 (bad sequence) is a session fault, not a verdict on the message.
    const retryable = responseCode < 500 || responseCode === 503 || responseCode >= 600;
    return new EmailDeliveryError(`SMTP server refused the email (${responseCode}): ${error.message}`, {
      retryable,
      responseCode,
      cause: error,
    });
  }
  const retryable = code === undefined || !PERMANENT_LOCAL_CODES.has(code);
  return new EmailDeliveryError(`Email not sent${code === undefined ? '' : ` (${code})`}: ${error.message}`, {
    retryable,
    responseCode,
    cause: error,
  });
}
