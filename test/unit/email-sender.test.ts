import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSmtpEmailSender, EmailDeliveryError, type EmailMessage, type EmailSender } from '../../src/delivery/email-sender';
import { startSmtpSink, type SmtpSink, type SmtpSinkOptions } from '../../src/stack/smtp-sink';

const FROM = 'breach-engine@notify.example';
const DPO = 'dpo@example.org';

const escalation = (overrides: Partial<EmailMessage> = {}): EmailMessage => ({
  messageId: '<incident-7b0c.escalation-48h@breach-engine.example>',
  to: DPO,
  subject: 'Art. 33 deadline in 24 h – incident 7b0c (Frist läuft ab)',
  text: 'The supervisory authority must be notified by 2026-03-02T09:00:00Z.\n',
  ...overrides,
});

async function rejectionOf(promise: Promise<unknown>): Promise<EmailDeliveryError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(EmailDeliveryError);
    return error as EmailDeliveryError;
  }
  throw new Error('expected the send to fail');
}

describe('createSmtpEmailSender', () => {
  let sink: SmtpSink;
  let sender: EmailSender;
  const start = async (options: SmtpSinkOptions = {}, timeoutMs = 2000): Promise<void> => {
    sink = await startSmtpSink(options);
    sender = createSmtpEmailSender({ smtpUrl: sink.url, from: FROM, timeoutMs });
  };

  afterEach(async () => {
    sender.close();
    await sink.stop();
  });

  it('delivers a message the sink keeps with the same Message-ID, subject, sender and recipient', async () => {
    await start();

    const result = await sender.send(escalation({ headers: { 'X-Incident-Id': 'incident-7b0c' } }));

    expect(result).toEqual({ response: expect.stringMatching(/^250 /), accepted: [DPO], rejected: [] });
    expect(sink.messages()).toHaveLength(1);
    const [mail] = sink.messages();
    expect(mail).toMatchObject({
      messageId: '<incident-7b0c.escalation-48h@breach-engine.example>',
      subject: 'Art. 33 deadline in 24 h – incident 7b0c (Frist läuft ab)',
      from: FROM,
      to: [DPO],
    });
    expect(mail?.raw).toMatch(/^X-Incident-Id: incident-7b0c\r$/im);
    expect(mail?.raw).toContain('The supervisory authority must be notified by 2026-03-02T09:00:00Z.');
  });

  it('fails retryably when the client gives up before the 250, and the sink discards that copy', async () => {
    await start({ acceptDelayMs: 1000 }, 400);

    const error = await rejectionOf(sender.send(escalation()));
    const dropped = await sink.waitForDiscarded((mail) => mail.messageId === escalation().messageId, 3000);

    expect(error).toMatchObject({ name: 'EmailDeliveryError', retryable: true, responseCode: undefined });
    expect(error.message).toMatch(/ETIMEDOUT/);
    expect(dropped.subject).toBe(escalation().subject);
    expect(sink.messages()).toEqual([]);
  });

  it('keeps exactly one copy when the same message is sent again after an aborted attempt', async () => {
    await start({ acceptDelayMs: 1000 }, 400);
    await rejectionOf(sender.send(escalation()));
    await sink.waitForDiscarded(() => true, 3000);
    sink.setAcceptDelay(0);

    await sender.send(escalation());

    expect(sink.messages().map((mail) => mail.messageId)).toEqual([escalation().messageId]);
    expect(sink.discarded()).toHaveLength(1);
  });

  it('keeps a message the server answered within the timeout despite an accept delay', async () => {
    await start({ acceptDelayMs: () => 100 }, 2000);

    await sender.send(escalation());

    expect(sink.messages()).toHaveLength(1);
    expect(sink.discarded()).toEqual([]);
  });

  it('fails without retry when the server rejects the recipient with 550', async () => {
    await start({ rejectRecipient: (address) => (address === DPO ? { code: 550, message: 'No such mailbox' } : undefined) });

    const error = await rejectionOf(sender.send(escalation()));

    expect(error).toMatchObject({ retryable: false, responseCode: 550 });
    expect(sink.messages()).toEqual([]);
  });

  it('fails retryably when the server defers the recipient with 450', async () => {
    await start({ rejectRecipient: () => ({ code: 450, message: 'Mailbox busy, try later' }) });

    const error = await rejectionOf(sender.send(escalation()));

    expect(error).toMatchObject({ retryable: true, responseCode: 450 });
    expect(sink.messages()).toEqual([]);
  });

  it('fails without retry when the server refuses an oversized message with 552', async () => {
    await start({ maxMessageBytes: 1024 });

    const error = await rejectionOf(sender.send(escalation({ text: 'x'.repeat(4096) })));

    expect(error).toMatchObject({ retryable: false, responseCode: 552 });
    expect(sink.messages()).toEqual([]);
  });

  it('fails retryably when no server listens', async () => {
    await start();
    const url = sink.url;
    await sink.stop();
    sender.close();
    sender = createSmtpEmailSender({ smtpUrl: url, from: FROM, timeoutMs: 2000 });

    const error = await rejectionOf(sender.send(escalation()));

    expect(error).toMatchObject({ retryable: true, responseCode: undefined });
  });

  it.each(['incident-7b0c@breach-engine.example', '<no-at-sign>', '<a b@c>', ''])(
    'refuses the Message-ID %j without retry and sends nothing',
    async (messageId) => {
      await start();

      const error = await rejectionOf(sender.send(escalation({ messageId })));

      expect(error.retryable).toBe(false);
      expect(sink.messages()).toEqual([]);
    },
  );
});

describe('startSmtpSink', () => {
  let sink: SmtpSink | undefined;
  let sender: EmailSender | undefined;
  let maildir: string;

  beforeEach(() => {
    maildir = fs.mkdtempSync(path.join(os.tmpdir(), 'smtp-sink-'));
  });

  afterEach(async () => {
    sender?.close();
    await sink?.stop();
    sink = undefined;
    sender = undefined;
    fs.rmSync(maildir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 on a free port and reports its smtp URL', async () => {
    sink = await startSmtpSink();

    expect(sink.port).toBeGreaterThan(0);
    expect(sink.url).toBe(`smtp://127.0.0.1:${sink.port}`);
  });

  it('writes each kept message to the maildir as <n>.eml, numbering after the files already there', async () => {
    fs.writeFileSync(path.join(maildir, '4.eml'), 'older message');
    sink = await startSmtpSink({ maildir });
    sender = createSmtpEmailSender({ smtpUrl: sink.url, from: FROM, timeoutMs: 2000 });

    await sender.send(escalation({ messageId: '<first@breach-engine.example>' }));
    await sender.send(escalation({ messageId: '<second@breach-engine.example>' }));

    expect(fs.readdirSync(maildir).sort()).toEqual(['4.eml', '5.eml', '6.eml']);
    expect(fs.readFileSync(path.join(maildir, '4.eml'), 'utf8')).toBe('older message');
    expect(fs.readFileSync(path.join(maildir, '5.eml'), 'utf8')).toContain('Message-ID: <first@breach-engine.example>');
    expect(fs.readFileSync(path.join(maildir, '6.eml'), 'utf8')).toBe(sink.messages()[1]?.raw);
  });

  it('resolves waitFor with a message that arrives later', async () => {
    sink = await startSmtpSink();
    sender = createSmtpEmailSender({ smtpUrl: sink.url, from: FROM, timeoutMs: 2000 });
    const waiting = sink.waitFor((mail) => mail.messageId === '<later@breach-engine.example>', 3000);

    await sender.send(escalation({ messageId: '<later@breach-engine.example>' }));

    await expect(waiting).resolves.toMatchObject({ messageId: '<later@breach-engine.example>', to: [DPO] });
  });

  it('rejects waitFor when no matching message arrives in time', async () => {
    sink = await startSmtpSink();

    await expect(sink.waitFor(() => true, 50)).rejects.toThrow('No matching message within 50 ms');
  });

  it('rejects pending waiters when stopped', async () => {
    sink = await startSmtpSink();
    const waiting = sink.waitFor(() => true, 10_000);

    await sink.stop();

    await expect(waiting).rejects.toThrow('SMTP sink stopped');
  });
});
