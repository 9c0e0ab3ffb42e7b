// The command menu Telegram shows everyone by default: a worker's, in Indonesian (any language) and
// English. Supervisors and admins get a fuller list in their own chat (src/outbox/menu.ts).
import type { Api } from 'grammy';
import type { I18n } from '@grammyjs/i18n';
import type { BotContext } from './context.ts';
import { publishDefaultMenu } from '../outbox/menu.ts';

export async function publishCommands(api: Api, i18n: I18n<BotContext>): Promise<void> {
  await publishDefaultMenu(api, { t: (locale, key, vars) => i18n.t(locale, key, vars) });
}
