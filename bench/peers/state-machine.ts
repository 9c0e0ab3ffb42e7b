// Peer B: a grammY session in Redis (@grammyjs/storage-redis) holding `{step, answers}`, and a
// hand-rolled switch over the step — the leanest way to write this form with grammY.
import { Bot, session, type Context, type SessionFlavor } from 'grammy';
import { RedisAdapter } from '@grammyjs/storage-redis';
import { Redis } from 'ioredis';
import type { BenchBot, BenchBotFactory } from '../bench-bot.ts';
import { BOT_INFO } from '../stub-api.ts';
import { QUESTIONS, type Answers } from '../workload.ts';
import {
  buttonAnswer, buttonLabel, caseLabel, caseListKeyboard, echoText, isButtonQuestion, questionKeyboard, questionText, readPeerCases,
  readPeerNotes, reviewKeyboard, reviewText, savedText, savePeerNote, seedPeerCases, typedAnswer,
} from './common.ts';

interface Draft {
  /** null: no note being written; 'pick': choosing the case; 0–9: that question; 'review' */
  step: null | 'pick' | number | 'review';
  caseId?: string;
  label?: string;
  answers: Answers;
  /** answers pressed on the current question's message before it became this question */
  echoes?: string[];
}
type Ctx = Context & SessionFlavor<Draft>;

export const createStateMachineBot: BenchBotFactory = async ({ redisUrl, prefix, stub, meter }) => {
  const redis = meter.attach(new Redis(redisUrl));
  const bot = new Bot<Ctx>('123456:bench-state-machine', { botInfo: BOT_INFO, client: stub.client });
  bot.use(session({
    initial: (): Draft => ({ step: null, answers: {} }),
    storage: new RedisAdapter<Draft>({ instance: redis }),
    getSessionKey: (ctx) => (ctx.from ? `${prefix}session:${ctx.from.id}` : undefined),
  }));

  const ask = async (ctx: Ctx, i: number) => {
    ctx.session.step = i;
    ctx.session.echoes = [];
    await ctx.reply(questionText(ctx.session.label!, i), { parse_mode: 'HTML', reply_markup: questionKeyboard(i) });
  };
  const advance = async (ctx: Ctx, i: number) => {
    if (i + 1 < QUESTIONS.length) return ask(ctx, i + 1);
    ctx.session.step = 'review';
    await ctx.reply(reviewText(ctx.session.label!, ctx.session.answers), { parse_mode: 'HTML', reply_markup: reviewKeyboard() });
  };

  bot.command('catat', async (ctx) => {
    const cases = await readPeerCases(redis, prefix, ctx.from!.id);
    ctx.session = { step: 'pick', answers: {} };
    await ctx.reply('📝 Catat sesi untuk kasus mana?', { reply_markup: caseListKeyboard(cases) });
  });

  bot.on('callback_query:data', async (ctx) => {
    const s = ctx.session;
    const data = ctx.callbackQuery.data;
    if (data === 'x') {
      ctx.session = { step: null, answers: {} };
      await ctx.answerCallbackQuery();
      await ctx.reply('Dibatalkan.');
      return;
    }
    switch (s.step) {
      case 'pick': {
        const id = data.startsWith('cn:') ? data.slice(3) : undefined;
        const c = id ? (await readPeerCases(redis, prefix, ctx.from.id)).find((x) => x.id === id) : undefined;
        if (!c) return void (await ctx.answerCallbackQuery({ text: 'Kasus tidak ditemukan.' }));
        s.caseId = c.id;
        s.label = caseLabel(c).replace(' · Bench 1/1', '');
        s.step = 0;
        s.echoes = [];
        await ctx.answerCallbackQuery();
        // the case list becomes the first question
        await ctx.editMessageText(questionText(s.label, 0), { parse_mode: 'HTML', reply_markup: questionKeyboard(0) });
        return;
      }
      case 'review': {
        if (data !== 'sv') return void (await ctx.answerCallbackQuery());
        await savePeerNote(redis, prefix, ctx.from.id, s.caseId!, s.answers);
        const label = s.label!;
        const answers = s.answers;
        ctx.session = { step: null, answers: {} };
        await ctx.answerCallbackQuery();
        await ctx.editMessageText(savedText(label, answers), { parse_mode: 'HTML' });
        return;
      }
      case null:
        await ctx.answerCallbackQuery({ text: 'Tombol ini sudah tidak berlaku.' });
        return;
      default: {
        const i = s.step;
        const q = QUESTIONS[i]!;
        if (data === `b:${i}`) {
          await ctx.answerCallbackQuery();
          return ask(ctx, i - 1);
        }
        const v = isButtonQuestion(q) ? buttonAnswer(i, data) : undefined;
        if (v === undefined) return void (await ctx.answerCallbackQuery({ text: 'Tombol ini sudah tidak berlaku.' }));
        s.answers[q.id] = v;
        await ctx.answerCallbackQuery();
        if (i + 1 < QUESTIONS.length) {
          // the pressed message becomes the next question, the answer kept above it
          s.echoes = [...(s.echoes ?? []), echoText(q, v)];
          s.step = i + 1;
          await ctx.editMessageText(questionText(s.label!, i + 1, s.echoes), { parse_mode: 'HTML', reply_markup: questionKeyboard(i + 1) });
          return;
        }
        await ctx.editMessageText(`${questionText(s.label!, i, s.echoes)}\n✅ <b>${buttonLabel(q, v)}</b>`, { parse_mode: 'HTML' });
        await advance(ctx, i);
      }
    }
  });

  bot.on('message:text', async (ctx) => {
    const s = ctx.session;
    if (typeof s.step !== 'number') return void (await ctx.reply('Ketik /catat untuk mencatat sesi.'));
    const i = s.step;
    const q = QUESTIONS[i]!;
    const a = typedAnswer(q, ctx.message.text);
    if ('hint' in a) {
      await ctx.reply(`${a.hint}\n\n${questionText(s.label!, i)}`, { parse_mode: 'HTML', reply_markup: questionKeyboard(i) });
      return;
    }
    s.answers[q.id] = a.value;
    await advance(ctx, i);
  });

  const benchBot: BenchBot = {
    name: 'state-machine',
    async handle(update) {
      try {
        await bot.handleUpdate(update);
        return true;
      } catch {
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
