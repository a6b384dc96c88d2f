import { rmSync } from 'node:fs';
import type { Stack } from '../../src/stack/stack';

export default async function globalTeardown(): Promise<void> {
  const { __stack: stack, __stackDataDir: dataDir } = globalThis as unknown as { __stack?: Stack; __stackDataDir?: string };
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
