import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  EvidenceHashMismatchError,
  EvidenceNotFoundError,
  EvidenceTooLargeError,
  InvalidEvidenceHashError,
} from '../../src/evidence/evidence-store';
import { FilesystemEvidenceStore } from '../../src/evidence/filesystem-evidence-store';

const MiB = 1024 * 1024;

const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Every regular file beneath `dir`, as absolute paths; empty when `dir` does not exist. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** `bytes` as a Node stream of `chunkSize`-byte chunks. */
function chunked(bytes: Buffer, chunkSize: number): Readable {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += chunkSize) chunks.push(bytes.subarray(offset, offset + chunkSize));
  return Readable.from(chunks, { objectMode: false });
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('FilesystemEvidenceStore', () => {
  let root: string;
  let store: FilesystemEvidenceStore;
  const storedFiles = (): string[] => filesUnder(path.join(root, 'sha256'));
  const storedPath = (sha256: string): string => path.join(root, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-store-'));
    store = new FilesystemEvidenceStore({ root, maxBytes: 8 * MiB });
  });

  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  describe('put', () => {
    it.each([
      ['an empty file', Buffer.alloc(0), 1024],
      ['a small text', Buffer.from('Customer table exported to pastebin at 03:12 UTC\n', 'utf8'), 1024],
      ['a 5 MiB random buffer streamed in 64 KiB chunks', randomBytes(5 * MiB), 64 * 1024],
    ])('stores %s under its independently computed SHA-256 and size', async (_label, bytes, chunkSize) => {
      const stored = await store.put(chunked(bytes, chunkSize));

      expect(stored).toEqual({ sha256: sha256Of(bytes), sizeBytes: bytes.length, alreadyStored: false });
      expect(storedFiles()).toEqual([storedPath(sha256Of(bytes))]);
      expect(fs.readFileSync(storedPath(stored.sha256)).equals(bytes)).toBe(true);
      expect(filesUnder(path.join(root, 'tmp'))).toEqual([]);
    });

    it('accepts a plain async iterable of Uint8Array chunks', async () => {
      const parts = [new Uint8Array([1, 2, 3]), new Uint8Array([4, 5])];
      async function* source(): AsyncGenerator<Uint8Array> {
        yield* parts;
      }

      const stored = await store.put(source());

      expect(stored).toEqual({ sha256: sha256Of(Buffer.from([1, 2, 3, 4, 5])), sizeBytes: 5, alreadyStored: false });
    });

    it('reports alreadyStored on a second put of the same bytes and keeps exactly one file', async () => {
      const bytes = randomBytes(4096);

      const first = await store.put(chunked(bytes, 1000));
      const second = await store.put(chunked(bytes, 333));

      expect(first.alreadyStored).toBe(false);
      expect(second).toEqual({ sha256: first.sha256, sizeBytes: 4096, alreadyStored: true });
      expect(storedFiles()).toHaveLength(1);
      expect(filesUnder(path.join(root, 'tmp'))).toEqual([]);
    });

    it('stores one file when ten puts of the same bytes race, exactly one of them reporting it new', async () => {
      const bytes = randomBytes(256 * 1024);

      const results = await Promise.all(Array.from({ length: 10 }, () => store.put(chunked(bytes, 16 * 1024))));

      expect(results.map((result) => result.sha256)).toEqual(Array(10).fill(sha256Of(bytes)));
      expect(results.filter((result) => !result.alreadyStored)).toHaveLength(1);
      expect(storedFiles()).toEqual([storedPath(sha256Of(bytes))]);
      expect(fs.readFileSync(storedPath(sha256Of(bytes))).equals(bytes)).toBe(true);
      expect(filesUnder(path.join(root, 'tmp'))).toEqual([]);
    });

    it('rejects content over the store limit with EvidenceTooLargeError and leaves no file under root', async () => {
      const small = new FilesystemEvidenceStore({ root, maxBytes: 1000 });

      const error: unknown = await small.put(chunked(randomBytes(1001), 100)).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(EvidenceTooLargeError);
      expect(error).toMatchObject({ name: 'EvidenceTooLargeError', limitBytes: 1000 });
      expect(filesUnder(root)).toEqual([]);
    });

    it('applies the smaller of the store limit and the put option', async () => {
      const bytes = randomBytes(600);

      await expect(store.put(chunked(bytes, 100), { maxBytes: 500 })).rejects.toMatchObject({ limitBytes: 500 });
      const small = new FilesystemEvidenceStore({ root, maxBytes: 500 });
      await expect(small.put(chunked(bytes, 100), { maxBytes: 10_000 })).rejects.toMatchObject({ limitBytes: 500 });
      expect(filesUnder(root)).toEqual([]);
    });

    it('accepts content of exactly the limit', async () => {
      const bytes = randomBytes(1000);
      const small = new FilesystemEvidenceStore({ root, maxBytes: 1000 });

      await expect(small.put(chunked(bytes, 100))).resolves.toMatchObject({ sha256: sha256Of(bytes), sizeBytes: 1000 });
    });

    it('stops reading an endless source at the first chunk past the limit', async () => {
      let chunksPulled = 0;
      let sourceClosed = false;
      async function* endless(): AsyncGenerator<Uint8Array> {
        try {
          for (;;) {
            chunksPulled += 1;
            yield new Uint8Array(64 * 1024);
          }
        } finally {
          sourceClosed = true;
        }
      }

      await expect(store.put(endless(), { maxBytes: MiB })).rejects.toBeInstanceOf(EvidenceTooLargeError);

      expect(chunksPulled).toBe(17);
      expect(sourceClosed).toBe(true);
      expect(filesUnder(root)).toEqual([]);
    });

    it('rejects a differing expectedSha256 with EvidenceHashMismatchError and stores nothing', async () => {
      const bytes = Buffer.from('exfiltrated rows');
      const expected = sha256Of(Buffer.from('something else'));

      const error: unknown = await store.put(chunked(bytes, 4), { expectedSha256: expected }).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(EvidenceHashMismatchError);
      expect(error).toMatchObject({ name: 'EvidenceHashMismatchError', expectedSha256: expected, actualSha256: sha256Of(bytes) });
      expect(filesUnder(root)).toEqual([]);
      await expect(store.has(sha256Of(bytes))).resolves.toBe(false);
    });

    it('stores content whose expectedSha256 matches', async () => {
      const bytes = Buffer.from('exfiltrated rows');

      const stored = await store.put(chunked(bytes, 4), { expectedSha256: sha256Of(bytes) });

      expect(stored).toEqual({ sha256: sha256Of(bytes), sizeBytes: bytes.length, alreadyStored: false });
    });

    it('refuses a malformed expectedSha256 before reading the content', async () => {
      let read = false;
      async function* source(): AsyncGenerator<Uint8Array> {
        read = true;
        yield new Uint8Array([1]);
      }

      await expect(store.put(source(), { expectedSha256: 'ABC' })).rejects.toBeInstanceOf(InvalidEvidenceHashError);

      expect(read).toBe(false);
      expect(filesUnder(root)).toEqual([]);
    });

    it('passes on a failing source and deletes its temp file', async () => {
      async function* failing(): AsyncGenerator<Uint8Array> {
        yield new Uint8Array(1000);
        throw new Error('connection reset');
      }

      await expect(store.put(failing())).rejects.toThrow('connection reset');

      expect(fs.readdirSync(path.join(root, 'tmp'))).toEqual([]);
      expect(filesUnder(root)).toEqual([]);
    });

    it('refuses a stream that yields strings rather than bytes', async () => {
      const text = Readable.from(['a', 'b'], { objectMode: true });

      await expect(store.put(text)).rejects.toBeInstanceOf(TypeError);

      expect(filesUnder(root)).toEqual([]);
    });

    it('never overwrites stored content, even a copy changed on disk', async () => {
      const bytes = Buffer.from('original');
      const { sha256 } = await store.put(chunked(bytes, 3));
      fs.chmodSync(storedPath(sha256), 0o644);
      fs.writeFileSync(storedPath(sha256), 'tampered');

      const again = await store.put(chunked(bytes, 3));

      expect(again.alreadyStored).toBe(true);
      expect(fs.readFileSync(storedPath(sha256), 'utf8')).toBe('tampered');
    });
  });

  describe('read', () => {
    it('streams back the identical bytes of a read-only stored file', async () => {
      const bytes = randomBytes(3 * MiB + 17);
      const { sha256 } = await store.put(chunked(bytes, 100_000));

      expect(fs.statSync(storedPath(sha256)).mode & 0o777).toBe(0o444);
      expect((await readAll(store.read(sha256))).equals(bytes)).toBe(true);
    });

    it('errors the stream with EvidenceNotFoundError for an unknown hash', async () => {
      const unknown = sha256Of(Buffer.from('never stored'));

      const error: unknown = await readAll(store.read(unknown)).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(EvidenceNotFoundError);
      expect(error).toMatchObject({ name: 'EvidenceNotFoundError', sha256: unknown });
    });

    it.each(['../../etc/passwd', 'A'.repeat(64), 'a'.repeat(63), `${'a'.repeat(62)}/.`, ''])(
      'throws InvalidEvidenceHashError synchronously for %j',
      (invalid) => {
        expect(() => store.read(invalid)).toThrow(InvalidEvidenceHashError);
      },
    );
  });

  describe('has', () => {
    it('is true for stored content and false for an unknown hash', async () => {
      const { sha256 } = await store.put(chunked(Buffer.from('x'), 1));

      await expect(store.has(sha256)).resolves.toBe(true);
      await expect(store.has(sha256Of(Buffer.from('y')))).resolves.toBe(false);
    });

    it('refuses an invalid hash', async () => {
      await expect(store.has('../../etc/passwd')).rejects.toBeInstanceOf(InvalidEvidenceHashError);
    });
  });

  describe('rehash', () => {
    it('returns the stored hash and size for untouched content', async () => {
      const bytes = randomBytes(2 * MiB);
      const { sha256 } = await store.put(chunked(bytes, 64 * 1024));

      await expect(store.rehash(sha256)).resolves.toEqual({ sha256, sizeBytes: bytes.length });
    });

    it('returns a different hash after the stored file is changed on disk', async () => {
      const bytes = Buffer.from('row count: 120000');
      const { sha256 } = await store.put(chunked(bytes, 5));
      const tampered = Buffer.from('row count: 12');
      fs.chmodSync(storedPath(sha256), 0o644);
      fs.writeFileSync(storedPath(sha256), tampered);

      const rehashed = await store.rehash(sha256);

      expect(rehashed).toEqual({ sha256: sha256Of(tampered), sizeBytes: tampered.length });
      expect(rehashed?.sha256).not.toBe(sha256);
    });

    it('returns undefined for an unknown hash', async () => {
      await expect(store.rehash(sha256Of(Buffer.from('never stored')))).resolves.toBeUndefined();
    });

    it('refuses an invalid hash', async () => {
      await expect(store.rehash('../../etc/passwd')).rejects.toBeInstanceOf(InvalidEvidenceHashError);
    });
  });

  describe('constructor', () => {
    it.each([-1, 1.5, Number.NaN, Infinity])('refuses maxBytes %p', (maxBytes) => {
      expect(() => new FilesystemEvidenceStore({ root, maxBytes })).toThrow(RangeError);
    });
  });
});
