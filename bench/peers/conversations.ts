// Peer A: grammY + @grammyjs/conversations 2 + @grammyjs/storage-redis — the way most grammY bots
// write a form: one conversation function that awaits each answer. The plugin keeps the
// conversation's state in Redis and replays the function up to the update at hand every time.
import { Bot, type Context } from 'grammy';
import { conversations, createConversation, type Conversation, type ConversationFlavor } from '@grammyjs/conversations';
import { RedisAdapter } from '@grammyjs/storage-redis';
import { Redis } from 'ioredis';
import type { BenchBot, BenchBotFactory } from '../bench-bot.ts';
import { BOT_INFO } from '../stub-api.ts';
import { QUESTIONS, type Answers } from '../workload.ts';
import {
  buttonAnswer, caseLabel, caseListKeyboard, echoText, isButtonQuestion, questionKeyboard, questionText, readPeerCases,
  readPeerNotes, reviewKeyboard, reviewText, savedText, savePeerNote, seedPeerCases, typedAnswer,
} from './common.ts';
import type { InlineKeyboard } from 'grammy';

type Ctx = ConversationFlavor<Context>;

export const createConversationsBot: BenchBotFactory = async ({ redisUrl, prefix, stub, meter }) => {
  const redis = meter.attach(new Redis(redisUrl));
  const bot = new Bot<Ctx>('123456:bench-conversations', { botInfo: BOT_INFO, client: stub.client });

  async function catat(conversation: Conversation<Ctx, Context>, ctx: Context): Promise<void> {
    const userId = ctx.from!.id;
    const cases = await conversation.external(() => readPeerCases(redis, prefix, userId));
    await ctx.reply('📝 Catat sesi untuk kasus mana?', { reply_markup: caseListKeyboard(cases) });
    const picked = await conversation.waitForCallbackQuery(/^cn:/, { otherwise: (c) => c.reply('Pilih kasus dengan tombol di atas.') });
    const c = cases.find((x) => x.id === picked.callbackQuery.data.slice(3));
    if (!c) {
      await picked.answerCallbackQuery({ text: 'Kasus tidak ditemukan.' });
      return;
    }
    const label = caseLabel(c).replace(' · Bench 1/1', '');
    await picked.answerCallbackQuery();

    // a question appears in the message that was pressed (the case list, a pressed answer) or anew
    type Show = (text: string, kb: InlineKeyboard) => Promise<unknown>;
    const edit = (on: Context): Show => (text, kb) => on.editMessageText(text, { parse_mode: 'HTML', reply_markup: kb });
    const send: Show = (text, kb) => ctx.reply(text, { parse_mode: 'HTML', reply_markup: kb });
    let show = edit(picked);
    let echoes: string[] = [];
    const answers: Answers = {};
    for (let i = 0; i < QUESTIONS.length; i++) {
      const q = QUESTIONS[i]!;
      await show(questionText(label, i, echoes), questionKeyboard(i));
      for (;;) {
        const next = await conversation.wait();
        const data = next.callbackQuery?.data;
        if (data === 'x') {
          await next.answerCallbackQuery();
          await next.reply('Dibatalkan.');
          return;
        }
        if (data !== undefined) {
          const v = isButtonQuestion(q) ? buttonAnswer(i, data) : undefined;
          if (v === undefined) {
            await next.answerCallbackQuery({ text: 'Tombol ini sudah tidak berlaku.' });
            continue;
          }
          answers[q.id] = v;
          await next.answerCallbackQuery();
          // the pressed message becomes the next question, the answer kept above it
          echoes = [...echoes, echoText(q, v)];
          show = edit(next);
          break;
        }
        const text = next.message?.text;
        if (text === undefined) {
          await next.reply('Jawab dengan teks atau tombol.');
          continue;
        }
        const a = typedAnswer(q, text);
        if ('hint' in a) {
          await next.reply(`${a.hint}\n\n${questionText(label, i)}`, { parse_mode: 'HTML', reply_markup: questionKeyboard(i) });
          continue;
        }
        answers[q.id] = a.value;
        echoes = [];
        show = send;
        break;
      }
    }
    await ctx.reply(reviewText(label, answers), { parse_mode: 'HTML', reply_markup: reviewKeyboard() });
    const save = await conversation.waitForCallbackQuery(['sv', 'x'], { otherwise: (x) => x.reply('Simpan atau batalkan dengan tombol di atas.') });
    if (save.callbackQuery.data === 'x') {
      await save.answerCallbackQuery();
      return;
    }
    await conversation.external(() => savePeerNote(redis, prefix, userId, c.id, answers));
    await save.answerCallbackQuery();
    await save.editMessageText(savedText(label, answers), { parse_mode: 'HTML' });
  }

  bot.use(conversations<Ctx, Context>({
    storage: {
      type: 'key',
      adapter: new RedisAdapter({ instance: redis }),
      prefix: `${prefix}conversation:`,
      getStorageKey: (ctx) => (ctx.from ? String(ctx.from.id) : undefined),
    },
  }));
  bot.use(createConversation<Ctx, Context>(catat, 'catat'));
  bot.command('catat', (ctx) => ctx.conversation.enter('catat'));
  bot.on('message', (ctx) => ctx.reply('Ketik /catat untuk mencatat sesi.'));
  bot.on('callback_query', (ctx) => ctx.answerCallbackQuery({ text: 'Tombol ini sudah tidak berlaku.' }));

  const benchBot: BenchBot = {
    name: 'conversations',
    async handle(update) {
      try {
        await bot.handleUpdate(update);
        return true;
      } catch (err) {
        if (process.env.BENCH_DEBUG) console.error(err);
        return false;
      }
    },
    seed: (users) => seedPeerCases(redis, prefix, users),
    saved: (users) => readPeerNotes(redis, prefix, users),
    async close() {
      redis.disconnect();
    },
  };
  return benchBot;
};
