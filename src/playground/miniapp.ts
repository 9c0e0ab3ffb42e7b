// Opening the Mini App as Telegram does, for the playground's page: Telegram loads the button's URL
// with the signed initData, its version, platform and theme in the fragment. Here the playground is
// Telegram, so it signs with the bot's own token and its own (time-travelling) clock. Only its own
// Mini App (this server, under /app/) is opened: a URL the bot gives is never loaded from elsewhere.
import { signInitData } from '../dashboard/init-data.ts';

/** Telegram's light theme (tgWebAppThemeParams), as its web client sends it. */
export const LIGHT_THEME = {
  bg_color: '#ffffff',
  text_color: '#000000',
  hint_color: '#999999',
  link_color: '#2481cc',
  button_color: '#2481cc',
  button_text_color: '#ffffff',
  secondary_bg_color: '#efeff3',
  section_bg_color: '#ffffff',
  accent_text_color: '#2481cc',
  destructive_text_color: '#ec3942',
  header_bg_color: '#ffffff',
  subtitle_text_color: '#999999',
  section_header_text_color: '#6d6d72',
} as const;

/** where the Mini App is served on the playground's server */
export const MINI_APP_PATH = '/app/';
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface LaunchUser {
  id: number;
  first_name: string;
  language_code?: string;
}

/**
 * The iframe's `src` for a button's `url`, or undefined when the URL is not this server's Mini App
 * (http, a loopback name, the port of `ownOrigin`, a path under /app/). The answer is on
 * `ownOrigin` (the origin the page was loaded from): localhost and 127.0.0.1 are the same server,
 * but only the page's own origin may be framed.
 */
export function miniAppSrc(url: unknown, ownOrigin: string, user: LaunchUser, botToken: string, nowMs: number): string | undefined {
  if (typeof url !== 'string') return undefined;
  let u: URL;
  let own: URL;
  try {
    u = new URL(url);
    own = new URL(ownOrigin);
  } catch {
    return undefined;
  }
  if (u.protocol !== own.protocol || !LOOPBACK.has(u.hostname) || u.port !== own.port || u.username || u.password) return undefined;
  if (!u.pathname.startsWith(MINI_APP_PATH)) return undefined;
  const initData = signInitData(botToken, user, Math.floor(nowMs / 1000));
  return (
    `${own.origin}${u.pathname}${u.search}` +
    `#tgWebAppData=${encodeURIComponent(initData)}&tgWebAppVersion=8.0&tgWebAppPlatform=web` +
    `&tgWebAppThemeParams=${encodeURIComponent(JSON.stringify(LIGHT_THEME))}`
  );
}
