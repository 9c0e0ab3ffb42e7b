// The Mini App's proof of who opened it: Telegram signs `initData` (a query string with the user,
// auth_date and hash) with a key derived from the bot token. Checked with @grammyjs/validator (the
// grammY team's, no dependencies: HMAC-SHA-256 with the "WebAppData" key, as Telegram specifies);
// its age is checked here, in minutes, not the day libraries allow: a copied initData is worth
// nothing for long. Telegram's newer `signature` field (for third parties) is part of what the hash
// covers, so it is kept, not checked apart.
import { createHmac } from 'node:crypto';
import { validateWebAppData } from '@grammyjs/validator';

/** initData older than this is refused: the page sends it as soon as it opens. */
export const INIT_DATA_MAX_AGE_S = 5 * 60;
/** a clock ahead of ours by this much still counts as now */
const CLOCK_SKEW_S = 60;
/** initData is a few hundred bytes; anything much longer is not Telegram's */
const INIT_DATA_MAX = 4096;

export interface MiniAppUser {
  id: number;
  firstName: string;
  languageCode?: string;
}

export type InitDataCheck = { ok: true; user: MiniAppUser; authDate: number } | { ok: false; reason: 'missing' | 'forged' | 'stale' };

/** Validates initData against the bot token and the clock (`nowS`, seconds). */
export function checkInitData(initData: unknown, botToken: string, nowS: number): InitDataCheck {
  if (typeof initData !== 'string' || initData.length === 0 || initData.length > INIT_DATA_MAX) return { ok: false, reason: 'missing' };
  const params = new URLSearchParams(initData);
  // A key given twice is refused: the library checks the last of each, URLSearchParams.get reads
  // the first — a signed initData with `user=<someone else>` put before it would pass as them.
  const names = [...params.keys()];
  if (new Set(names).size !== names.length) return { ok: false, reason: 'forged' };
  if (!params.get('hash') || !validateWebAppData(botToken, params)) return { ok: false, reason: 'forged' };
  // what was checked, read once
  const fields = Object.fromEntries(params);
  const authDate = Number(fields['auth_date']);
  if (!Number.isInteger(authDate) || nowS - authDate > INIT_DATA_MAX_AGE_S || authDate - nowS > CLOCK_SKEW_S) return { ok: false, reason: 'stale' };
  let raw: { id?: unknown; first_name?: unknown; language_code?: unknown } | null;
  try {
    raw = JSON.parse(fields['user'] ?? '') as typeof raw;
  } catch {
    return { ok: false, reason: 'forged' };
  }
  if (!raw || typeof raw !== 'object' || typeof raw.id !== 'number' || !Number.isSafeInteger(raw.id) || raw.id <= 0) return { ok: false, reason: 'forged' };
  const firstName = typeof raw.first_name === 'string' ? raw.first_name.slice(0, 64) : '';
  const languageCode = typeof raw.language_code === 'string' ? raw.language_code.slice(0, 8) : undefined;
  return { ok: true, user: { id: raw.id, firstName, ...(languageCode ? { languageCode } : {}) }, authDate };
}

/**
 * initData as Telegram makes it, signed with `botToken`: the playground's own Mini App launch (it
 * is Telegram there) and the tests. Never used to accept anything.
 */
export function signInitData(botToken: string, user: { id: number; first_name: string; language_code?: string }, authDateS: number, extra: Record<string, string> = {}): string {
  const fields: Record<string, string> = { ...extra, auth_date: String(authDateS), user: JSON.stringify(user) };
  const check = Object.keys(fields).sort().map((k) => `${k}=${fields[k]}`).join('\n');
  const secret = createHmac('sha256', 'WebAppData').update(botToken).digest();
  const hash = createHmac('sha256', secret).update(check).digest('hex');
  return new URLSearchParams({ ...fields, hash }).toString();
}
