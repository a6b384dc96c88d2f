import { createHash, randomUUID } from 'node:crypto';
import { link, mkdir, open, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  assertSha256Hex,
  EvidenceHashMismatchError,
  EvidenceNotFoundError,
  EvidenceTooLargeError,
  type EvidenceStore,
  type PutOptions,
  type StoredContent,
} from './evidence-store';

/** Settings of a FilesystemEvidenceStore: its root folder and the largest content it accepts, in bytes. */
export interface FilesystemEvidenceStoreOptions {
  root: string;
  maxBytes: number;
}

const READ_ONLY = 0o444;

/**
 * An EvidenceStore on a local filesystem: content lives read-only at
 * `<root>/sha256/<hex[0..2]>/<hex[2..4]>/<hex>`, written first to `<root>/tmp/` on the same filesystem
 * (which must support hard links) and published with link(2), which never replaces an existing file.
 */
export class FilesystemEvidenceStore implements EvidenceStore {
  private readonly root: string;
  private readonly maxBytes: number;

  constructor({ root, maxBytes }: FilesystemEvidenceStoreOptions) {
    if (root.length === 0) throw new RangeError('root must not be empty');
    assertByteLimit(maxBytes, 'maxBytes');
    this.root = path.resolve(root);
    this.maxBytes = maxBytes;
  }

  async put(content: NodeJS.ReadableStream | AsyncIterable<Uint8Array>, options: PutOptions = {}): Promise<StoredContent> {
    if (options.maxBytes !== undefined) assertByteLimit(options.maxBytes, 'options.maxBytes');
    if (options.expectedSha256 !== undefined) assertSha256Hex(options.expectedSha256);
    const limitBytes = Math.min(this.maxBytes, options.maxBytes ?? Infinity);

    const tmpDir = path.join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmpPath = path.join(tmpDir, `${randomUUID()}.part`);
    try {
      const { sha256, sizeBytes } = await writeHashed(content, tmpPath, limitBytes);
      if (options.expectedSha256 !== undefined && options.expectedSha256 !== sha256) {
        throw new EvidenceHashMismatchError(options.expectedSha256, sha256);
      }
      const finalPath = this.pathFor(sha256);
      await mkdir(path.dirname(finalPath), { recursive: true });
      const alreadyStored = !(await linkIfAbsent(tmpPath, finalPath));
      if (!alreadyStored) await syncDirectories(path.dirname(finalPath), this.root);
      return { sha256, sizeBytes, alreadyStored };
    } finally {
      // Once linked, the stored file is a second name for the same inode; dropping the temp name
      // leaves it intact. A cleanup failure must not mask the put's own outcome.
      await rm(tmpPath, { force: true }).catch(() => undefined);
    }
  }

  async has(sha256: string): Promise<boolean> {
    assertSha256Hex(sha256);
    try {
      return (await stat(this.pathFor(sha256))).isFile();
    } catch (error) {
      if (isErrnoCode(error, 'ENOENT')) return false;
      throw error;
    }
  }

  /** Throws InvalidEvidenceHashError synchronously; a missing file errors the stream with EvidenceNotFoundError. */
  read(sha256: string): NodeJS.ReadableStream {
    assertSha256Hex(sha256);
    const filePath = this.pathFor(sha256);
    async function* bytes(): AsyncGenerator<Buffer> {
      const handle = await openExisting(filePath, sha256);
      try {
        for await (const chunk of handle.createReadStream({ autoClose: false })) yield chunk as Buffer;
      } finally {
        await handle.close();
      }
    }
    return Readable.from(bytes(), { objectMode: false });
  }

  async rehash(sha256: string): Promise<{ sha256: string; sizeBytes: number } | undefined> {
    assertSha256Hex(sha256);
    let handle: FileHandle;
    try {
      handle = await openExisting(this.pathFor(sha256), sha256);
    } catch (error) {
      if (error instanceof EvidenceNotFoundError) return undefined;
      throw error;
    }
    try {
      const hash = createHash('sha256');
      let sizeBytes = 0;
      for await (const chunk of handle.createReadStream({ autoClose: false })) {
        const bytes = chunk as Buffer;
        hash.update(bytes);
        sizeBytes += bytes.length;
      }
      return { sha256: hash.digest('hex'), sizeBytes };
    } finally {
      await handle.close();
    }
  }

  private pathFor(sha256: string): string {
    return path.join(this.root, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }
}

function assertByteLimit(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
}

function isErrnoCode(error: unknown, code: string): boolean {
  // Not `instanceof Error`: Node's fs errors come from another realm under jest's VM context.
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === code;
}

async function openExisting(filePath: string, sha256: string): Promise<FileHandle> {
  try {
    return await open(filePath, 'r');
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) throw new EvidenceNotFoundError(sha256);
    throw error;
  }
}

/** Streams `content` into a new file at `filePath`, hashing and counting; the file ends fsynced and read-only. */
async function writeHashed(
  content: NodeJS.ReadableStream | AsyncIterable<Uint8Array>,
  filePath: string,
  limitBytes: number,
): Promise<{ sha256: string; sizeBytes: number }> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  const handle = await open(filePath, 'wx', 0o600);
  try {
    // Leaving the loop by throwing calls the source's return(), which destroys a Node stream, so an
    // oversized upload stops being read at the first chunk past the limit.
    for await (const chunk of content) {
      // Re-encoding a string could change the bytes, which chain of custody cannot allow.
      if (typeof chunk === 'string' || !ArrayBuffer.isView(chunk)) {
        throw new TypeError('Evidence content must yield bytes (Buffer or Uint8Array); do not set an encoding on the stream');
      }
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (sizeBytes + bytes.length > limitBytes) throw new EvidenceTooLargeError(limitBytes);
      hash.update(bytes);
      sizeBytes += bytes.length;
      await writeFully(handle, bytes);
    }
    // Durable before publication: a crash after put resolves must not leave a truncated stored file.
    await handle.sync();
    // Read-only before the final name exists, so the stored path is never writable.
    await handle.chmod(READ_ONLY);
  } finally {
    await handle.close();
  }
  return { sha256: hash.digest('hex'), sizeBytes };
}

async function writeFully(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}

/** Publishes `tmpPath` as `finalPath`; false when `finalPath` already exists (stored earlier or by a racing put). */
async function linkIfAbsent(tmpPath: string, finalPath: string): Promise<boolean> {
  try {
    // link(2), unlike rename(2), fails on an existing target: the first writer wins and stored
    // content is never replaced, even by identical bytes.
    await link(tmpPath, finalPath);
    return true;
  } catch (error) {
    if (isErrnoCode(error, 'EEXIST')) return false;
    throw error;
  }
}

/** Fsyncs `dir` and each parent up to and including `root`, so new names and folders survive a crash. */
async function syncDirectories(dir: string, root: string): Promise<void> {
  for (let current = dir; ; current = path.dirname(current)) {
    const handle = await open(current, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (current === root || !current.startsWith(root)) return;
  }
}
