// The playground's people: an organisation founded by its admin, who invites a supervisor, who
// invites a worker (so the worker is assigned to the supervisor). Made by driving the real bot with
// the updates those people would send, exactly as in Telegram: no shortcut into Redis.
import type { I18n } from '@grammyjs/i18n';
import type { BotContext, Lang } from '../bot/context.ts';
import type { ChatMessage, TelegramSim } from './telegram-sim.ts';

export interface SeedUser {
  id: number;
  name: string;
  role: 'admin' | 'supervisor' | 'worker';
}

export const ORG_NAME = 'Bapas Kelas I Contoh';
export const ADMIN: SeedUser = { id: 1001, name: 'Sari', role: 'admin' };
const SUPERVISOR: SeedUser = { id: 1002, name: 'Rina', role: 'supervisor' };
const WORKER: SeedUser = { id: 1003, name: 'Budi', role: 'worker' };
/** in the page's order: the worker first */
export const SEED_USERS: readonly SeedUser[] = [WORKER, SUPERVISOR, ADMIN];

const WAIT_MS = 15_000;
const INVITE = /start=([A-Za-z0-9]+_[A-Za-z0-9]+)/;

type Button = { text: string; callback_data?: string };

function buttonsOf(m: ChatMessage): Button[] {
  return ((m.replyMarkup as { inline_keyboard?: Button[][] } | undefined)?.inline_keyboard ?? []).flat();
}

/** Resolves with what `pick` finds in the chat's bot messages, now or after a later event. */
function until<T>(sim: TelegramSim, chatId: number, pick: (newestFirst: ChatMessage[]) => T | undefined): Promise<T> {
  const look = () => pick(sim.chatMessages(chatId).filter((m) => m.fromBot).reverse());
  const now = look();
  if (now !== undefined) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const off = sim.onEvent((e) => {
      if (e.type !== 'message' || e.chatId !== chatId) return;
      const found = look();
      if (found === undefined) return;
      clearTimeout(timer);
      off();
      resolve(found);
    });
    const timer = setTimeout(() => {
      off();
      reject(new Error(`seeding: the bot did not answer in chat ${chatId} as expected`));
    }, WAIT_MS);
  });
}

export async function seed(sim: TelegramSim, i18n: I18n<BotContext>, lang: Lang): Promise<void> {
  const t = (key: string) => i18n.t(lang, key);
  for (const u of SEED_USERS) sim.setUser(u.id, { firstName: u.name, languageCode: lang });
  const newest = (chatId: number) => Math.max(0, ...sim.chatMessages(chatId).map((m) => m.id));
  const say = async (user: SeedUser, text: string) => {
    const after = newest(user.id);
    sim.sendText(user.id, text);
    return until(sim, user.id, (ms) => ms.find((m) => m.id > after));
  };
  const tap = async (user: SeedUser, label: string) => {
    const [message, button] = await until(sim, user.id, (ms) => {
      for (const m of ms) {
        const b = buttonsOf(m).find((x) => x.text.includes(label) && x.callback_data);
        if (b) return [m, b] as const;
      }
      return undefined;
    });
    sim.pressButton(user.id, message.id, button.callback_data!);
  };
  const invitation = (user: SeedUser) => until(sim, user.id, (ms) => ms.map((m) => INVITE.exec(m.text ?? '')?.[1]).find(Boolean));

  await say(ADMIN, '/lembaga');
  await say(ADMIN, ORG_NAME);
  await say(ADMIN, '/lembaga');
  await tap(ADMIN, t('btn-org-invite'));
  await tap(ADMIN, `${t('role-supervisor')} · ${t('invite-btn-single')}`);
  const forSupervisor = await invitation(ADMIN);
  await say(SUPERVISOR, `/start ${forSupervisor}`);
  await say(SUPERVISOR, '/undang');
  const forWorker = await invitation(SUPERVISOR);
  await say(WORKER, `/start ${forWorker}`);
}
