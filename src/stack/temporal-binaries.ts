import { execFileSync } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Version of the Temporal CLI built from its Go module; v1.6+ carry a replace directive `go install` refuses. */
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

/** The project root: two folders above this file (src/stack/). */
export const projectRoot = path.resolve(__dirname, '..', '..');
const toolsDir = path.join(projectRoot, '.tools');

export class MissingBinaryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingBinaryError';
  }
}

export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

/** Path of the Temporal CLI: on PATH, then TEMPORAL_CLI_PATH, then .tools/bin/temporal; undefined if none. */
export function findTemporalCli(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env.TEMPORAL_CLI_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new MissingBinaryError(`TEMPORAL_CLI_PATH=${fromEnv} is not an executable file`);
    return fromEnv;
  }
  const cached = path.join(toolsDir, 'bin', 'temporal');
  return onPath('temporal', env) ?? (isExecutable(cached) ? cached : undefined);
}

/** Path of the exec wrapper that starts the Java time-skipping test server; undefined if none. */
export function findTestServer(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env.TEMPORAL_TEST_SERVER_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new MissingBinaryError(`TEMPORAL_TEST_SERVER_PATH=${fromEnv} is not an executable file`);
    return fromEnv;
  }
  const cached = path.join(toolsDir, 'bin', 'temporal-test-server');
  return isExecutable(cached) ? cached : undefined;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  execFileSync(command, args, { stdio: 'inherit', env, cwd: projectRoot });
}

/** Finds the Temporal CLI or builds it with `go install` into .tools/bin; throws saying what to install. */
export function provisionTemporalCli(env: NodeJS.ProcessEnv = process.env): string {
  const found = findTemporalCli(env);
  if (found) return found;
  const go = onPath('go', env);
  if (!go) {
    throw new MissingBinaryError(
      `No Temporal CLI found. Install Go (to build ${TEMPORAL_CLI_MODULE}) or the Temporal CLI, ` +
        'or set TEMPORAL_CLI_PATH to an existing binary.',
    );
  }
  const bin = path.join(toolsDir, 'bin');
  mkdirSync(bin, { recursive: true });
  console.log(`Building the Temporal CLI (${TEMPORAL_CLI_MODULE}) into ${bin}; the first build takes a few minutes…`);
  run(go, ['install', TEMPORAL_CLI_MODULE], { ...env, GOBIN: bin });
  return path.join(bin, 'temporal');
}

/** Finds the test server wrapper or fetches io.temporal:temporal-test-server with Maven into .tools/; throws saying what to install. */
export function provisionTestServer(env: NodeJS.ProcessEnv = process.env): string {
  const found = findTestServer(env);
  if (found) return found;
  const mvn = onPath('mvn', env);
  const java = onPath('java', env);
  if (!mvn || !java) {
    throw new MissingBinaryError(
      'No Temporal time-skipping test server found. Install a JDK (17+) and Maven to fetch ' +
        'io.temporal:temporal-test-server, or set TEMPORAL_TEST_SERVER_PATH to an executable that starts it as `<exe> <port>`.',
    );
  }
  const lib = path.join(toolsDir, 'test-server', 'lib');
  const alreadyResolved = existsSync(lib) && readdirSync(lib).some((f) => f.startsWith('temporal-test-server'));
  if (!alreadyResolved) {
    console.log('Fetching io.temporal:temporal-test-server and its dependencies with Maven…');
    run(mvn, ['-q', '-f', 'tools/test-server/pom.xml', 'dependency:copy-dependencies', `-DoutputDirectory=${lib}`, '-DincludeScope=runtime'], env);
  }
  const wrapper = path.join(toolsDir, 'bin', 'temporal-test-server');
  mkdirSync(path.dirname(wrapper), { recursive: true });
  // The SDK launches this as `existing-path` with the port as first argument; it must listen within 5 s,
  // so the JVM skips the optimising compiler it does not need for a short-lived test server.
  writeFileSync(
    wrapper,
    `#!/bin/sh\nexec "${java}" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -cp '${lib}/*' io.temporal.testserver.TestServer "$@"\n`,
  );
  chmodSync(wrapper, 0o755);
  return wrapper;
}
