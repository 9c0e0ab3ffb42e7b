// What a reader of a Redis dump could read: every sealed value ("v1|v2.<keyId>.<iv>.<tag>.<data>",
// base64url) replaced by a marker. Ciphertext is random text, so a short name such as "Ani" turns up
// in it by chance (about once in 25 runs over a whole org's keys); a search for cleartext must skip it.
const SEALED = /\bv[12]\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;

export function readableParts(raw: string): string {
  return raw.replace(SEALED, '⟨sealed⟩');
}
