import pino from 'pino';

/** Paths pino replaces with [Redacted]: credentials and the personal data a breach record can carry. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'req.headers["webhook-signature"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.secret',
  '*.key',
  '*.apiKey',
  '*.email',
];

/** A JSON logger at `level` that redacts credentials and personal data. */
export function createLogger(level: string, destination?: pino.DestinationStream): pino.Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[Redacted]' } }, destination);
}
