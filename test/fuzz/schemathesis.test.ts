// Runs schemathesis (from PyPI, installed by `make fuzz` into .tools/venv) against the OpenAPI document the
// e2e stack serves, with a real admin key, and every check it has. Its configuration, and why each
// setting is there, is in tools/fuzz/schemathesis.toml.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../src/stack/temporal-binaries';
import { stackEnv } from '../e2e/http';

const schemathesis = process.env.SCHEMATHESIS_PATH ?? path.join(projectRoot, '.tools', 'venv', 'bin', 'schemathesis');

function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: projectRoot, env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('the API under schemathesis', () => {
  it('passes every check on every operation: no server error, conforming statuses, content types, headers and bodies, negative data refused', async () => {
    const { code, output } = await run(schemathesis, [
      '--config-file', path.join(projectRoot, 'tools', 'fuzz', 'schemathesis.toml'),
      'run', `${stackEnv.apiUrl}/openapi.json`,
      '--header', `Authorization: Bearer ${stackEnv.adminKey}`,
      '--checks', 'all',
      '--seed', process.env.FUZZ_SEED ?? '20261126',
      '--max-examples', process.env.FUZZ_MAX_EXAMPLES ?? '50',
    ]);
    // The whole report when a check failed; otherwise its summary (phases, cases generated), for the CI log.
    console.log(code === 0 ? output.slice(output.lastIndexOf('SUMMARY')) : output);
    expect(output).toMatch(/Operations:\s+\d+ selected/);
    expect(code).toBe(0);
  }, 30 * 60_000);
});
