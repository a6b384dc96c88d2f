import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { createSsrfGuard, SsrfBlockedError } from '../../src/delivery/ssrf-guard';
import { createWebhookSender, WebhookDeliveryError, type WebhookDelivery } from '../../src/delivery/webhook-sender';

const SECRET = `whsec_${Buffer.from('test-secret-for-the-dpo-webhook-0123456789').toString('base64')}`;

interface ReceivedRequest {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
}

type Responder = (req: IncomingMessage, res: ServerResponse) => void;

/** A real HTTP receiver on 127.0.0.1 that records each request and answers with `respond`. */
async function startReceiver(): Promise<{ server: Server; port: number; requests: ReceivedRequest[]; respond: (responder: Responder) => void }> {
  const requests: ReceivedRequest[] = [];
  let responder: Responder = (_req, res) => res.writeHead(204).end();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      responder(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, port, requests, respond: (next) => (responder = next) };
}

async function rejectionOf(promise: Promise<unknown>): Promise<WebhookDeliveryError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookDeliveryError);
    return error as WebhookDeliveryError;
  }
  throw new Error('expected the delivery to fail');
}

function verifiedPayload(request: ReceivedRequest): unknown {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers[name] = value;
  return new Webhook(SECRET).verify(request.body, headers);
}

describe('createWebhookSender', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const allowLoopback = createSsrfGuard({ allowlist: ['127.0.0.1/32'] });
  const payload = { type: 'deadline.escalation', incidentId: 'incident-7b0c', rung: '48h', hoursLeft: 24, note: 'Frist läuft ab' };
  const delivery = (overrides: Partial<WebhookDelivery> = {}): WebhookDelivery => ({
    url: `http://127.0.0.1:${receiver.port}/hooks/dpo`,
    secret: SECRET,
    id: 'msg_2f6c1a7e-escalation-48h',
    timestamp: new Date(),
    payload,
    ...overrides,
  });

  beforeEach(async () => {
    receiver = await startReceiver();
  });

  afterEach(async () => {
    receiver.server.closeAllConnections();
    await new Promise((resolve) => receiver.server.close(resolve));
  });

  it('delivers a request the receiver verifies with the standardwebhooks library', async () => {
    const sender = createWebhookSender({ guard: allowLoopback, timeoutMs: 2000, userAgent: 'bre-test/1' });
    const timestamp = new Date('2026-03-01T10:00:00.900Z');
    receiver.respond((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'));

    const result = await sender.send(delivery({ timestamp: new Date() }));
    await expect(sender.send(delivery({ timestamp }))).resolves.toMatchObject({ status: 200 });

    expect(result.status).toBe(200);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(receiver.requests).toHaveLength(2);
    const [fresh, old] = receiver.requests as [ReceivedRequest, ReceivedRequest];
    expect(fresh).toMatchObject({ method: 'POST', url: '/hooks/dpo' });
    expect(fresh.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'bre-test/1',
      'webhook-id': 'msg_2f6c1a7e-escalation-48h',
      'webhook-signature': expect.stringMatching(/^v1,[A-Za-z0-9+/]+=*$/),
    });
    expect(verifiedPayload(fresh)).toEqual(payload);
    expect(old.headers['webhook-timestamp']).toBe(String(Date.parse('2026-03-01T10:00:00Z') / 1000));
    expect(old.headers['webhook-signature']).toBe(new Webhook(SECRET).sign('msg_2f6c1a7e-escalation-48h', timestamp, old.body));
  });

  it('carries the same webhook-id when the same message is sent twice', async () => {
    const sender = createWebhookSender({ guard: allowLoopback, timeoutMs: 2000 });

    await sender.send(delivery());
    await sender.send(delivery({ timestamp: new Date(Date.now() + 1000) }));

    expect(receiver.requests).toHaveLength(2);
    expect(receiver.requests.map((request) => request.headers['webhook-id'])).toEqual([
      'msg_2f6c1a7e-escalation-48h',
      'msg_2f6c1a7e-escalation-48h',
    ]);
    for (const request of receiver.requests) expect(verifiedPayload(request)).toEqual(payload);
  });

  it('does not follow a 302 redirect and fails without retry', async () => {
    const sender = createWebhookSender({ guard: allowLoopback, timeoutMs: 2000 });
    receiver.respond((req, res) => {
      if (req.url === '/hooks/dpo') res.writeHead(302, { location: '/elsewhere' }).end();
      else res.writeHead(200).end();
    });

    const error = await rejectionOf(sender.send(delivery()));

    expect(error).toMatchObject({ name: 'WebhookDeliveryError', retryable: false, status: 302 });
    expect(error.message).toMatch(/302 redirecting to \/elsewhere; redirects are not followed/);
    expect(receiver.requests.map((request) => request.url)).toEqual(['/hooks/dpo']);
  });

  it.each([301, 302, 303, 307, 308])('follows no %i redirect, neither to the metadata service nor to another allowed receiver', async (status) => {
    const other = await startReceiver();
    try {
      const sender = createWebhookSender({ guard: allowLoopback, timeoutMs: 2000 });
      for (const location of ['http://169.254.169.254/latest/meta-data/iam/security-credentials/', `http://127.0.0.1:${other.port}/hooks/dpo`]) {
        receiver.respond((_req, res) => res.writeHead(status, { location }).end());

        const error = await rejectionOf(sender.send(delivery()));

        expect(error).toMatchObject({ name: 'WebhookDeliveryError', retryable: false, status });
        expect(error.message).toContain(`${status} redirecting to ${location}; redirects are not followed`);
      }
      expect(receiver.requests.map((request) => request.url)).toEqual(['/hooks/dpo', '/hooks/dpo']);
      expect(other.requests).toHaveLength(0);
    } finally {
      other.server.closeAllConnections();
      await new Promise((resolve) => other.server.close(resolve));
    }
  });

  it.each([
    ['IPv6 loopback', () => `http://[::1]:${receiver.port}/hooks/dpo`, /loopback/],
    ['IPv4-mapped loopback', () => `http://[::ffff:127.0.0.1]:${receiver.port}/hooks/dpo`, /IPv4-mapped 127\.0\.0\.1: loopback/],
    ['the cloud metadata service', () => 'http://169.254.169.254/latest/meta-data/', /metadata/],
    ['IPv4-mapped metadata', () => 'http://[::ffff:169.254.169.254]/latest/meta-data/', /IPv4-mapped 169\.254\.169\.254/],
    ['a private address', () => 'https://10.0.0.1/hooks', /private/],
    ['an IPv6 link-local address', () => 'http://[fe80::1]/hooks', /link-local/],
  ])('refuses %s without an allowlist, without retry and before any request', async (_label, url, reason) => {
    const sender = createWebhookSender({ guard: createSsrfGuard({ allowlist: [] }), timeoutMs: 2000 });

    const error = await rejectionOf(sender.send(delivery({ url: url() })));

    expect(error).toMatchObject({ retryable: false, status: undefined });
    expect(error.cause).toBeInstanceOf(SsrfBlockedError);
    expect((error.cause as SsrfBlockedError).reason).toMatch(reason);
    expect(receiver.requests).toHaveLength(0);
  });

  it.each([
    [500, true],
    [502, true],
    [503, true],
    [429, true],
    [408, true],
    [400, false],
    [401, false],
    [404, false],
    [410, false],
  ])('fails on %i with retryable %s', async (status, retryable) => {
    const sender = createWebhookSender({ guard: allowLoopback, timeoutMs: 2000 });
    receiver.respond((_req, res) => res.writeHead(status).end('{"error":"nope"}'));

    const error = await rejectionOf(sender.send(delivery()));

    expect(error).toMatchObject({ retryable, status });
    expect(receiver.requests).toHaveLength(1);
  });

  it('reports the Retry-After of a 429 in milliseconds', async () => {
    const sender = createWebhookSender({ guard: allowLoopback, timeoutMs: 2000 });
    receiver.respond((_req, res) => res.writeHead(429, { 'retry-after': '7' }).end());

    const error = await rejectionOf(sender.send(delivery()));

    expect(error).toMatchObject({ retryable: true, status: 429, retryAfterMs: 7000 });
  });

  it('times out, retryably, against a receiver that never answers', async () => {
    const sender = createWebhookSender({ guard: allowLoopback, timeoutMs: 300 });
    receiver.respond(() => undefined);
    const started = Date.now();

    const error = await rejectionOf(sender.send(delivery()));

    const elapsed = Date.now() - started;
    expect(error).toMatchObject({ retryable: true, status: undefined });
    expect(error.message).toMatch(/within 300 ms/);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(300 + 1000);
  });

  it('times out when the headers arrive but the body never ends', async () => {
    const sender = createWebhookSender({ guard: allowLoopback, timeoutMs: 300 });
    receiver.respond((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
    });

    const error = await rejectionOf(sender.send(delivery()));

    expect(error).toMatchObject({ retryable: true });
    expect(error.message).toMatch(/within 300 ms/);
  });

  it('delivers when the receiver answers 200 with a body far beyond the 64 KiB read cap', async () => {
    const sender = createWebhookSender({ guard: allowLoopback, timeoutMs: 5000 });
    receiver.respond((_req, res) => res.writeHead(200).end(Buffer.alloc(4 * 1024 * 1024, 'x')));

    await expect(sender.send(delivery())).resolves.toMatchObject({ status: 200 });
  });

  it('fails retryably when nothing listens on the port', async () => {
    const sender = createWebhookSender({ guard: allowLoopback, timeoutMs: 2000 });
    const closedPort = receiver.port;
    await new Promise((resolve) => receiver.server.close(resolve));

    const error = await rejectionOf(sender.send(delivery({ url: `http://127.0.0.1:${closedPort}/hooks/dpo` })));

    expect(error).toMatchObject({ retryable: true, status: undefined });
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it('refuses the loopback receiver without an allowlist, before any request', async () => {
    const sender = createWebhookSender({ guard: createSsrfGuard({ allowlist: [] }), timeoutMs: 2000 });

    const error = await rejectionOf(sender.send(delivery()));

    expect(error).toMatchObject({ retryable: false, status: undefined });
    expect(error.cause).toBeInstanceOf(SsrfBlockedError);
    expect(error.cause).toMatchObject({ host: '127.0.0.1', address: '127.0.0.1' });
    expect(receiver.requests).toHaveLength(0);
  });

  it('refuses at connect time a host name that resolves to loopback, before any request', async () => {
    const sender = createWebhookSender({ guard: createSsrfGuard({ allowlist: [] }), timeoutMs: 2000 });

    const error = await rejectionOf(sender.send(delivery({ url: `http://localhost:${receiver.port}/hooks/dpo` })));

    expect(error).toMatchObject({ retryable: false });
    expect(error.cause).toBeInstanceOf(SsrfBlockedError);
    expect(error.cause).toMatchObject({ host: 'localhost', reason: expect.stringMatching(/loopback/) });
    expect(receiver.requests).toHaveLength(0);
  });

  it('delivers to a host name on the allowlist', async () => {
    const sender = createWebhookSender({ guard: createSsrfGuard({ allowlist: ['localhost'] }), timeoutMs: 2000 });

    const result = await sender.send(delivery({ url: `http://localhost:${receiver.port}/hooks/dpo` }));

    expect(result.status).toBe(204);
    expect(receiver.requests).toHaveLength(1);
  });

  it.each([
    ['a payload JSON cannot serialize', { payload: { amount: 10n } }],
    ['an undefined payload', { payload: undefined }],
    ['a secret that is not base64', { secret: 'whsec_%%%not-base64%%%' }],
    ['a webhook-id with a line break', { id: 'msg_1\r\nx-injected: yes' }],
    ['an invalid timestamp', { timestamp: new Date(Number.NaN) }],
    ['an ftp URL', { url: 'ftp://127.0.0.1/hook' }],
  ])('fails without retry and without a request for %s', async (_label, overrides: Partial<WebhookDelivery>) => {
    const sender = createWebhookSender({ guard: allowLoopback, timeoutMs: 2000 });

    const error = await rejectionOf(sender.send(delivery(overrides)));

    expect(error.retryable).toBe(false);
    expect(receiver.requests).toHaveLength(0);
  });
});
