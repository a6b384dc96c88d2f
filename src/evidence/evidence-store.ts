const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Content the store holds, named by the lowercase hex SHA-256 of its bytes. */
export interface StoredContent {
  /** Lowercase hex SHA-256 of the bytes. */
  sha256: string;
  sizeBytes: number;
  /** True when these bytes were already stored; the store then kept its existing copy. */
  alreadyStored: boolean;
}

/** Options for a single `put`. */
export interface PutOptions {
  /** Lowers the store's own size limit for this call; the smaller limit applies. */
  maxBytes?: number;
  /** Lowercase hex SHA-256 the caller expects; on a difference nothing is stored. */
  expectedSha256?: string;
}

/**
 * Write-once, content-addressed storage for chain-of-custody evidence. There is deliberately no
 * delete and no overwrite: content, once stored under its hash, is only ever read or re-hashed.
 */
export interface EvidenceStore {
  /**
   * Stores the bytes of `content` under their SHA-256. Rejects with EvidenceTooLargeError past the
   * size limit, EvidenceHashMismatchError when `expectedSha256` differs, InvalidEvidenceHashError
   * when `expectedSha256` is malformed; in each case nothing is stored.
   */
  put(content: NodeJS.ReadableStream | AsyncIterable<Uint8Array>, options?: PutOptions): Promise<StoredContent>;
  /** Whether content with this hash is stored. Rejects with InvalidEvidenceHashError for a malformed hash. */
  has(sha256: string): Promise<boolean>;
  /**
   * A stream of the stored bytes. Throws InvalidEvidenceHashError synchronously for a malformed hash;
   * missing content is reported through the stream's `error` event as EvidenceNotFoundError.
   */
  read(sha256: string): NodeJS.ReadableStream;
  /**
   * Re-reads the stored bytes and recomputes their SHA-256 and size, so a caller can detect content
   * changed at rest; undefined when nothing is stored under `sha256`. Rejects with
   * InvalidEvidenceHashError for a malformed hash.
   */
  rehash(sha256: string): Promise<{ sha256: string; sizeBytes: number } | undefined>;
}

/** Whether `value` is a SHA-256 as the store names content: 64 lowercase hex characters. */
export function isSha256Hex(value: string): boolean {
  return SHA256_HEX.test(value);
}

/** Throws InvalidEvidenceHashError unless `value` is 64 lowercase hex characters. */
export function assertSha256Hex(value: string): void {
  if (!isSha256Hex(value)) throw new InvalidEvidenceHashError(value);
}

export class EvidenceTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`Evidence exceeds the limit of ${limitBytes} bytes`);
    this.name = 'EvidenceTooLargeError';
  }
}

export class EvidenceHashMismatchError extends Error {
  constructor(
    readonly expectedSha256: string,
    readonly actualSha256: string,
  ) {
    super(`Evidence SHA-256 is ${actualSha256}, expected ${expectedSha256}`);
    this.name = 'EvidenceHashMismatchError';
  }
}

export class EvidenceNotFoundError extends Error {
  constructor(readonly sha256: string) {
    super(`No evidence stored with SHA-256 ${sha256}`);
    this.name = 'EvidenceNotFoundError';
  }
}

export class InvalidEvidenceHashError extends Error {
  constructor(value: string) {
    super(`Not a lowercase hex SHA-256: ${JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)}`);
    this.name = 'InvalidEvidenceHashError';
  }
}
