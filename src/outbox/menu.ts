// The ☰ Menu (Telegram's command list) by role. Everyone gets the worker's list (the bot's default
// scope, published at start-up: src/bot/commands.ts); a supervisor or admin — and a member of
// several organisations, who switches with /lembaga — gets a fuller list in their own chat's scope.
// A role change queues a `commands` outbox message (after the update's write); its delivery reads
// where the user works *now* and sets or deletes their chat's list, so messages that arrive late or
// twice still end on the current role.
import type { Api } from 'grammy';
import type { Keys } from '../store/keys.ts';
import type { RedisClient } from '../store/redis-connection.ts';
import type { Texts } from '../telegram/texts.ts';
import { effectiveOrg, type Role } from '../store/org-records.ts';

/** In the menu's order; `who`: the roles it is listed for (absent: everyone). */
const COMMANDS: readonly { command: string; who?: 'supervisor' | 'admin' | 'switch' }[] = [
  { command: 'catat' },
  { command: 'kasus_baru' },
  { command: 'kasus' },
  { command: 'riwayat' },
  { command: 'laporan' },
  { command: 'ekspor', who: 'supervisor' },
  { command: 'tim', who: 'supervisor' },
  { command: 'pengingat' },
  { command: 'lanjut' },
  { command: 'batal' },
  { command: 'lembaga', who: 'switch' },
  { command: 'undang', who: 'supervisor' },
  { command: 'keluar' },
  { command: 'bahasa' },
  { command: 'bantuan' },
];

/** The languages a list is published in; the first is also the list for any other language. */
export const MENU_LANGS = ['id', 'en'] as const;

export interface BotCommandItem {
  command: string;
  description: string;
}

/** The commands of a role. `several`: a member of several organisations (/lembaga switches). */
export function commandNames(role: Role, several = false): string[] {
  const listed = (who: (typeof COMMANDS)[number]['who']) =>
    who === undefined || (who === 'supervisor' && role !== 'worker') || (who === 'switch' && (role === 'admin' || several));
  return COMMANDS.filter((c) => listed(c.who)).map((c) => c.command);
}

export function commandList(texts: Texts, locale: string, names: string[]): BotCommandItem[] {
  return names.map((command) => ({ command, description: texts.t(locale, `cmd-${command}`) }));
}

/** A list with no language_code first (any language), then one per language. */
async function setEvery(api: Api, texts: Texts, names: string[], scope?: { type: 'chat'; chat_id: number }): Promise<void> {
  const at = scope ? { scope } : {};
  await api.setMyCommands(commandList(texts, MENU_LANGS[0], names), at);
  for (const lang of MENU_LANGS) await api.setMyCommands(commandList(texts, lang, names), { ...at, language_code: lang });
}

/**
 * The chat's menu button: a supervisor's and an admin's opens the dashboard (their team at a
 * glance); anyone else's stays Telegram's default (the ☰ list of commands, which a worker lives by).
 */
async function publishMenuButton(d: MenuDeps, userId: number, role: Role | undefined, lang: 'id' | 'en'): Promise<void> {
  const dashboard = role === 'supervisor' || role === 'admin';
  await d.api.setChatMenuButton({
    chat_id: userId,
    menu_button: dashboard ? { type: 'web_app', text: d.i18n.t(lang, 'menu-dashboard'), web_app: { url: d.dashboardUrl! } } : { type: 'default' },
  });
}

/** The default scope's list: a worker's, for everyone without a list of their own. */
export function publishDefaultMenu(api: Api, texts: Texts): Promise<void> {
  return setEvery(api, texts, commandNames('worker'));
}

export interface MenuDeps {
  redis: RedisClient;
  keys: Keys;
  api: Api;
  i18n: Texts;
  /** the supervisors' dashboard (a Mini App), when this deployment serves one: their menu button opens it */
  dashboardUrl?: string | undefined;
}

/**
 * The user's chat list as their own keys say now: the role where they work (not suspended there),
 * and whether they belong to several organisations. A plain worker's (or nobody's) chat list is
 * deleted, so the default shows. Returns what was done.
 */
export async function publishMenuOf(d: MenuDeps, userId: number, opts: { resetMenuButton?: boolean } = {}): Promise<'scoped' | 'default'> {
  const results = (await d.redis.pipeline().hmget(d.keys.membership(userId), 'orgId', 'lang').hgetall(d.keys.memberships(userId)).exec()) ?? [];
  for (const [err] of results) if (err) throw err;
  const entries = results[1]![1] as Record<string, string>;
  const [orgId, lang] = results[0]![1] as [string | null, string | null];
  const working = effectiveOrg(orgId, entries);
  const role = working && !working.entry.suspended ? working.entry.role : undefined;
  if (d.dashboardUrl) await publishMenuButton(d, userId, role, lang === 'en' ? 'en' : 'id');
  else if (opts.resetMenuButton) await d.api.setChatMenuButton({ chat_id: userId, menu_button: { type: 'default' } });
  const names = role ? commandNames(role, Object.keys(entries).length > 1) : undefined;
  const scope = { type: 'chat' as const, chat_id: userId };
  if (names && names.join() !== commandNames('worker').join()) {
    await setEvery(d.api, d.i18n, names, scope);
    return 'scoped';
  }
  // (each language's list is its own: every one set is deleted)
  await d.api.deleteMyCommands({ scope });
  for (const lang of MENU_LANGS) await d.api.deleteMyCommands({ scope, language_code: lang });
  return 'default';
}
