import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A 12-character lowercase id, the shape Statuspage clients have seen. */
export function newId(): string {
  const bytes = randomBytes(12);
  let id = '';
  // 256 % 36 leaves a tiny bias, irrelevant for ids that only need to be unique.
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id;
}
