// The command menu Telegram shows, in Indonesian (default) and English.
import type { Api } from 'grammy';
import type { I18n } from '@grammyjs/i18n';
import type { BotContext } from './context.ts';

const COMMANDS = ['catat', 'kasus_baru', 'kasus', 'riwayat', 'laporan', 'ekspor', 'tim', 'pengingat', 'lanjut', 'batal', 'lembaga', 'undang', 'keluar', 'bahasa', 'bantuan'] as const;

function commandList(i18n: I18n<BotContext>, locale: 'id' | 'en') {
  return COMMANDS.map((command) => ({ command, description: i18n.t(locale, `cmd-${command}`) }));
}

export async function publishCommands(api: Api, i18n: I18n<BotContext>): Promise<void> {
  await api.setMyCommands(commandList(i18n, 'id'));
  await api.setMyCommands(commandList(i18n, 'id'), { language_code: 'id' });
  await api.setMyCommands(commandList(i18n, 'en'), { language_code: 'en' });
}
