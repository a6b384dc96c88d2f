import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/** A message the sink took responsibility for (or, in `discarded()`, read in full and then dropped). */
export interface ReceivedMail {
  messageId: string | undefined;
  from: string;
  to: string[];
  subject: string | undefined;
  raw: string;
  receivedAt: Date;
}

/** An SMTP reply the sink gives to RCPT TO for an address, instead of accepting it. */
export interface SmtpRejection {
  code: number;
  message: string;
}

/** Settings of the sink; `acceptDelayMs` is waited after the message is read, before it is kept and answered 250. */
export interface SmtpSinkOptions {
  host?: string;
  port?: number;
  /** If set, every kept message is also written there as `<n>.eml` before the 250 reply. */
  maildir?: string;
  acceptDelayMs?: number | (() => number);
  maxMessageBytes?: number;
  /** Refuses a recipient with the returned reply (e.g. 550 or 450), or accepts it when undefined. */
  rejectRecipient?: (address: string) => SmtpRejection | undefined;
}

/** A running sink: where it listens, what it kept or discarded, and how to stop it. */
export interface SmtpSink {
  port: number;
  url: string;
  messages(): ReceivedMail[];
  /** Messages read in full whose client had gone by the time the sink would have answered 250. */
  discarded(): ReceivedMail[];
  waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs: number): Promise<ReceivedMail>;
  waitForDiscarded(predicate: (mail: ReceivedMail) => boolean, timeoutMs: number): Promise<ReceivedMail>;
  setAcceptDelay(ms: number | (() => number)): void;
  stop(): Promise<void>;
}

interface Waiter {
  predicate: (mail: ReceivedMail) => boolean;
  resolve: (mail: ReceivedMail) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

const DEFAULT_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

const smtpError = (responseCode: number, message: string): Error & { responseCode: number } =>
  Object.assign(new Error(message), { responseCode });

/**
 * Starts a local SMTP server (no AUTH, no TLS) that keeps what it accepts in memory. Like a real MTA,
 * it keeps a message only if it can still answer 250 to the end of DATA on a live connection.
 */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const { host = '127.0.0.1', port = 0, maildir, maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES, rejectRecipient } = options;
  let acceptDelay = options.acceptDelayMs ?? 0;
  const kept: ReceivedMail[] = [];
  const dropped: ReceivedMail[] = [];
  const keptWaiters = new Set<Waiter>();
  const droppedWaiters = new Set<Waiter>();
  const delays = new Map<NodeJS.Timeout, () => void>();
  let nextFileNumber = maildir === undefined ? 1 : await firstFreeNumber(maildir);
  let stopped = false;

  const publish = (mail: ReceivedMail, list: ReceivedMail[], waiters: Set<Waiter>): void => {
    list.push(mail);
    for (const waiter of waiters) {
      if (!waiter.predicate(mail)) continue;
      waiters.delete(waiter);
      clearTimeout(waiter.timer);
      waiter.resolve(mail);
    }
  };

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        delays.delete(timer);
        resolve();
      }, ms);
      delays.set(timer, resolve);
    });

  const isConnected = (session: SMTPServerSession): boolean => {
    for (const connection of server.connections) {
      if (connection.id === session.id) return !connection._closing && !connection._closed;
    }
    return false;
  };

  const receive = async (stream: SMTPServerDataStream, session: SMTPServerSession): Promise<string> => {
    const { mailFrom, rcptTo } = session.envelope;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size <= maxMessageBytes) chunks.push(chunk);
    }
    if (stream.sizeExceeded || size > maxMessageBytes) throw smtpError(552, `Message exceeds ${maxMessageBytes} bytes`);

    const raw = Buffer.concat(chunks).toString('utf8');
    const headers = parseHeaders(raw);
    const mail: ReceivedMail = {
      messageId: headers.get('message-id'),
      from: mailFrom === false ? '' : mailFrom.address,
      to: rcptTo.map((recipient) => recipient.address),
      subject: headers.has('subject') ? decodeEncodedWords(headers.get('subject') ?? '') : undefined,
      raw,
      receivedAt: new Date(),
    };

    const delayMs = typeof acceptDelay === 'function' ? acceptDelay() : acceptDelay;
    if (delayMs > 0) await sleep(delayMs);
    // A client that is gone never sees 250, so it will send again: keeping this copy would be a duplicate.
    if (stopped || !isConnected(session)) {
      publish(mail, dropped, droppedWaiters);
      throw smtpError(421, 'Client gone before the message was accepted');
    }
    const fileNumber = nextFileNumber++;
    if (maildir !== undefined) await writeFile(path.join(maildir, `${fileNumber}.eml`), raw, { flag: 'wx' });
    publish(mail, kept, keptWaiters);
    return `OK: queued as ${fileNumber}`;
  };

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: maxMessageBytes,
    logger: false,
    disableReverseLookup: true,
    banner: 'breach-response-engine SMTP sink',
    closeTimeout: 1000,
    onRcptTo(address, _session, callback) {
      const rejection = rejectRecipient?.(address.address);
      if (rejection === undefined) return callback();
      return callback(smtpError(rejection.code, rejection.message));
    },
    onData(stream, session, callback) {
      receive(stream, session).then(
        (reply) => callback(null, reply),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });
  // A client killed mid-session surfaces as a socket error here; without a listener it would crash the process.
  server.on('error', () => undefined);

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.server.once('error', onError);
    server.listen(port, host, () => {
      server.server.off('error', onError);
      resolve();
    });
  });
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('SMTP sink is not listening on TCP');

  const waitIn =
    (list: ReceivedMail[], waiters: Set<Waiter>) =>
    (predicate: (mail: ReceivedMail) => boolean, timeoutMs: number): Promise<ReceivedMail> => {
      const found = list.find(predicate);
      if (found !== undefined) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          predicate,
          resolve,
          reject,
          timer: setTimeout(() => {
            waiters.delete(waiter);
            reject(new Error(`No matching message within ${timeoutMs} ms`));
          }, timeoutMs),
        };
        waiters.add(waiter);
      });
    };

  return {
    port: address.port,
    url: `smtp://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
    messages: () => [...kept],
    discarded: () => [...dropped],
    waitFor: waitIn(kept, keptWaiters),
    waitForDiscarded: waitIn(dropped, droppedWaiters),
    setAcceptDelay(ms) {
      acceptDelay = ms;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const [timer, wake] of delays) {
        clearTimeout(timer);
        wake();
      }
      delays.clear();
      for (const waiter of [...keptWaiters, ...droppedWaiters]) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error('SMTP sink stopped'));
      }
      keptWaiters.clear();
      droppedWaiters.clear();
      const closed = new Promise<void>((resolve) => server.close(resolve));
      for (const connection of server.connections) connection.close();
      await closed;
    },
  };
}

async function firstFreeNumber(maildir: string): Promise<number> {
  await mkdir(maildir, { recursive: true });
  const numbers = (await readdir(maildir)).map((name) => /^(\d+)\.eml$/.exec(name)?.[1]).filter((n) => n !== undefined);
  return numbers.reduce((max, n) => Math.max(max, Number(n)), 0) + 1;
}

/** The message's header fields, unfolded, by lower-case name; the first occurrence wins. */
function parseHeaders(raw: string): Map<string, string> {
  const end = raw.search(/\r?\n\r?\n/);
  const head = (end === -1 ? raw : raw.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`), joining adjacent ones. */
function decodeEncodedWords(value: string): string {
  const word = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;
  return value.replace(/\?=\s+=\?/g, '?==?').replace(new RegExp(`(?:${word.source})+`, 'g'), (run) => {
    let charset = 'utf-8';
    const parts: Buffer[] = [];
    for (const [, wordCharset = 'utf-8', encoding = 'q', text = ''] of run.matchAll(word)) {
      charset = wordCharset.split('*')[0] ?? 'utf-8';
      parts.push(
        encoding.toLowerCase() === 'b'
          ? Buffer.from(text, 'base64')
          : Buffer.from(
              text.replace(/_/g, ' ').replace(/=([0-9a-fA-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16))),
              'latin1',
            ),
      );
    }
    try {
      return new TextDecoder(charset).decode(Buffer.concat(parts));
    } catch {
      return Buffer.concat(parts).toString('utf8');
    }
  });
}
