// The real bot process (node --import tsx src/main.ts) against the fake Bot API and a real Redis:
// a social worker opens a case and writes a session note in Indonesian while the bot is killed
// (SIGKILL) and stopped (SIGTERM) under them. Nothing they answered may be lost, a button from
// before the restart must be refused, and what is stored must be encrypted.
import { noteOpener } from '../support/open-note.ts';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { FakeBotApi, type ApiCall, type FakeMessage } from '../support/fake-bot-api.ts';
import { DataCipher } from '../../src/store/crypto.ts';
import { createKeys } from '../../src/store/keys.ts';
import { BotProcess, Stored, User, WAIT_MS, answerIntake, buttons, deletePrefix, findButton, redisUrl, promptLine, startPollingBot, textOf, withTimeout, type Button, botEnv } from './support.ts';

const USER_ID = 730_041;
const TOKEN = '7300411:AAH-e2e_restart_token_0123456789';
const DATA_KEY = randomBytes(32);
const PREFIX = `e2e-${process.pid}-${Date.now()}:`;
const ZONE = 'Asia/Jakarta';

const CASE_LABEL = 'Si (42) · Zastrow · tahap 1/8';
/** The case on a button: 24 characters at most */
const CASE_BUTTON = 'Si (42) · Zastrow 1/8';
const PLACE = 'Ruang konseling Bapas Bandung';
const QUEUED_ANSWER = 'Klien bercerita bahwa ia merasa ditolak keluarganya sejak ditahan dan jarang dikunjungi';
const PROBLEM = 'Penyalahgunaan sabu, relasi keluarga renggang';

/** The next question, or the review at the end. */
const NEXT = /<b>Pertanyaan \d+ dari (± )?\d+<\/b>|Periksa sebelum disimpan/;
const NAV = new Set(['⬅️ Kembali', '⏭ Lewati', '➡️ Pakai jawaban lama', '↩️ Seperti sesi lalu', 'ℹ️ Panduan', '✖️ Batal']);

const log: string[] = [];
const procs: BotProcess[] = [];
let fake: FakeBotApi;
let redis: Redis;
let lastUpdateId = 0;
const PROMPT_6 = 'Masalah apa yang diungkap klien?';

function env(): Record<string, string> {
  return botEnv({ token: TOKEN, apiRoot: fake.url, redisUrl: redisUrl(), prefix: PREFIX, adminId: USER_ID, dataKey: DATA_KEY, zone: ZONE });
}

/** Starts a bot process and waits until it long-polls (no bound but the test's: see startPollingBot). */
function startBot(name: string): Promise<{ bot: BotProcess; from: number }> {
  return startPollingBot(fake, name, env(), log, procs);
}

function questionNumber(m: FakeMessage): { index: number; total: number } {
  const r = /<b>Pertanyaan (\d+) dari (?:± )?(\d+)<\/b>/.exec(m.text ?? '');
  if (!r) throw new Error(`not a question: ${JSON.stringify(m.text)}`);
  return { index: Number(r[1]), total: Number(r[2]) };
}

function promptOf(m: FakeMessage): string {
  return promptLine(m.text ?? '');
}

function yesterday(): string {
  return DateTime.now().setZone(ZONE).minus({ days: 1 }).setLocale('id').toFormat('d MMMM yyyy');
}

interface Answered {
  index: number;
  prompt: string;
  /** how the review shows it */
  shown: string;
}

describe('end to end: the real bot process against a fake Bot API', () => {
  beforeAll(async () => {
    redis = new Redis(redisUrl(), { lazyConnect: true, maxRetriesPerRequest: 2 });
    await redis.connect();
    fake = await FakeBotApi.start();
    // A trace of what the user sent, for the failure output, and the last update for waits.
    const push = fake.pushUpdate.bind(fake);
    fake.pushUpdate = (u) => {
      const full = push(u);
      const m = full['message'] as { text?: string; photo?: unknown } | undefined;
      const cb = full['callback_query'] as { data?: string } | undefined;
      lastUpdateId = full['update_id'] as number;
      log.push(`[user] update ${lastUpdateId}: ${m ? (m.text !== undefined ? `text ${JSON.stringify(m.text)}` : 'photo') : `button ${String(cb?.data)}`}`);
      return full;
    };
  });

  afterAll(async () => {
    for (const p of procs) p.forceKill();
    await Promise.all(procs.map((p) => withTimeout(p.exited, WAIT_MS, `${p.name} (pid ${String(p.pid)}) did not die`)));
    await fake?.stop();
    if (redis) {
      await deletePrefix(redis, PREFIX);
      await redis.quit();
    }
  });

  it('keeps every answer of a session note across a SIGKILL and a SIGTERM restart, and stores it encrypted', async () => {
    onTestFailed(() => {
      console.error(`--- bot process output and user trace ---\n${log.join('\n') || '(none)'}`);
      const recent = fake.calls.slice(-25).map((c) => {
        if (c.method !== 'getUpdates') return `  ${c.method} ${JSON.stringify(textOf(c).slice(0, 120))}`;
        const result = c.response?.ok ? (c.response.result as { update_id: number }[]) : undefined;
        const got = result ? `→ [${result.map((u) => u.update_id).join(', ')}]` : '(pending)';
        return `  getUpdates offset=${String(c.payload['offset'] ?? '-')} ${got}`;
      });
      console.error(`--- last Bot API calls ---\n${recent.join('\n')}`);
    });
    const user = new User(fake, USER_ID);
    const keys = createKeys(PREFIX);
    const cipher = new DataCipher([DATA_KEY]);
    const stored = new Stored(redis, keys, cipher, USER_ID);
    const started = Date.now();

    // 1. The process starts, publishes its commands and long-polls. ----------------------------
    let { bot } = await startBot('bot#1');
    const commandCalls = fake.calls.filter((c) => c.method === 'setMyCommands');
    for (const language of ['id', 'en']) {
      const call = commandCalls.find((c) => c.payload['language_code'] === language);
      expect(call, `setMyCommands for ${language}`).toBeDefined();
      const commands = call!.payload['commands'] as { command: string; description: string }[];
      expect(commands.map((c) => c.command)).toContain('catat');
    }
    const idCatat = (commandCalls.find((c) => c.payload['language_code'] === 'id')!.payload['commands'] as { command: string; description: string }[]).find((c) => c.command === 'catat');
    expect(idCatat?.description).toBe('Catat sesi untuk sebuah kasus');

    // 2. /start ------------------------------------------------------------------------------
    const welcome = await user.say('/start', /Selamat datang/);
    expect(welcome.msg.text).toContain('Selamat datang, Tester!');
    expect(buttons(welcome.msg).map((b) => b.text)).toEqual(['➕ Kasus baru', '📝 Catat sesi', '📂 Kasus saya', '📚 Riwayat', '❓ Bantuan']);

    // 3. /kasus_baru: the intake, the model first ------------------------------------------
    let q = (await user.say('/kasus_baru', /Pertanyaan 1 dari ± 8/)).msg;
    expect(q.text).toContain('Model intervensi yang dipakai?');
    q = (await user.press(q, 'Zastrow', /Pertanyaan 2 dari ± 8/)).msg;
    expect(q.text).toContain('Inisial klien?');
    const hint = await user.say('Siti Aminah', /inisial/i, { allowComplaints: true });
    // the hint, and the question again under it
    expect(hint.msg.text).toMatch(/^⚠️ Cukup inisial: huruf saja, 1–5 huruf \(misalnya Si, BZG, RO\)\. Jangan tulis nama lengkap\.\n\n/);
    expect(hint.msg.text).toContain('Inisial klien?');
    q = (await user.say('Si', /Pertanyaan 3 dari ± 8/)).msg;
    expect(q.text).toContain('Usia klien (tahun)?');
    q = (await user.say('42', /Pertanyaan 4 dari ± 8/)).msg;
    q = (await user.press(q, 'Perempuan', /Pertanyaan 5 dari ± 8/)).msg;
    // a Bapas client: the programme, the end of the supervision and the guarantor come too
    q = (await user.press(q, 'Bapas', /Pertanyaan 6 dari ± 12/)).msg;
    q = (await user.say(PROBLEM, /Pertanyaan 7 dari ± 12/)).msg;
    expect(q.text).toContain('Peran Anda dalam kasus ini?');
    // the role, the programme, the end (skipped), the guarantor, the substance: as INTAKE_ANSWERS
    const intakeReview = await answerIntake(user, q);
    for (const part of ['Si', '42 tahun', 'Perempuan', 'Bapas', PROBLEM, 'Zastrow', 'Praktikan (mahasiswa)', 'Pembebasan bersyarat', 'Tidak memakai NAPZA']) expect(intakeReview.text).toContain(part);
    const intakeSave: Button = findButton(intakeReview, '💾 Simpan');
    const created = (await user.press(intakeReview, '💾 Simpan', /tersimpan/)).msg;
    expect(created.text).toContain(`Kasus <b>${CASE_LABEL}</b> tersimpan`);
    expect(created.parse_mode).toBe('HTML');

    // 4. /catat: the first answers of the note ------------------------------------------------
    const picker = (await user.say('/catat', /Catat sesi untuk kasus mana/)).msg;
    const caseButton = findButton(picker, CASE_BUTTON);
    const caseId = /^cn:([a-z0-9]+)$/.exec(caseButton.callback_data)?.[1];
    expect(caseId, caseButton.callback_data).toBeDefined();
    q = (await user.press(picker, CASE_BUTTON, /Pertanyaan 1 dari (± )?\d+/)).msg;
    expect(q.text).toContain('Penyadaran akan a'); // the header names the stage
    expect(q.text).toContain('Tanggal sesi?');

    const answered: Answered[] = [];
    const note = (m: FakeMessage, shown: string) => answered.push({ index: questionNumber(m).index, prompt: promptOf(m), shown });

    const dayBefore = yesterday();
    note(q, dayBefore);
    const dateAsked = q;
    const dateFrom = fake.calls.length;
    q = (await user.say('kemarin', NEXT)).msg;
    const dayAfter = yesterday(); // the same, unless the test ran across midnight in Jakarta
    expect(q.text).toContain('Apakah sesi terlaksana?');
    // a typed answer shows itself (the worker's own message, right under the prompt): the prompt is
    // not edited — one Bot API call less per typed answer; its old buttons are refused as stale
    expect(fake.calls.slice(dateFrom).filter((c) => c.method.startsWith('editMessage') && c.payload['message_id'] === dateAsked.message_id)).toEqual([]);
    expect(user.message(dateAsked.message_id).text).toBe(dateAsked.text);

    note(q, 'Ya');
    q = (await user.press(q, 'Ya', NEXT)).msg;
    expect(q.text).toContain('Bentuk pertemuan?');
    const contactPrompt = q;
    const staleButton: Button = findButton(contactPrompt, 'Di tempat lain');
    note(q, 'Di tempat lain');
    q = (await user.press(q, 'Di tempat lain', NEXT)).msg;
    expect(q.text).toContain('Di mana sesi berlangsung?');
    note(q, PLACE);
    q = (await user.say(PLACE, NEXT)).msg;
    expect(q.text).toContain('Siapa saja yang hadir?');
    const toggled = await user.pressInPlace(q, 'Klien');
    expect(buttons(toggled).map((b) => b.text)).toContain('✅ Klien');
    expect(buttons(toggled).map((b) => b.text)).toContain('✔️ Selesai (1)');
    note(q, 'Klien');
    const fifth = await user.press(toggled, /^✔️ Selesai/, NEXT);
    q = fifth.msg;
    expect(answered).toHaveLength(5);
    const beforeKill = questionNumber(q);
    expect(q.text).toContain(PROMPT_6);

    // 5. SIGKILL in the middle of the note --------------------------------------------------
    // The next question has just arrived — the answer that led to it may not be written yet — and
    // the process dies without any chance to clean up. Telegram (the fake) has not been told the
    // update was handled, so it delivers it again after the restart.
    expect((await bot.stop('SIGKILL')).signal).toBe('SIGKILL');

    // While it is down the worker answers; Telegram keeps the update until someone polls.
    const killedPrompt = q;
    const queued = fake.sendText(USER_ID, QUEUED_ANSWER, { languageCode: 'id' });
    note(killedPrompt, QUEUED_ANSWER);

    const second = await startBot('bot#2');
    bot = second.bot;
    // The answer that led to question 6 may or may not have been written before the kill: if not,
    // Telegram delivers it again and the bot applies it (asking question 6 once more). Either way the
    // queued answer lands on question 6 and question 7 comes next.
    const nextIndex = `Pertanyaan ${beforeKill.index + 1} dari`;
    const afterRestart = await fake.waitForCall((c) => c.method === 'sendMessage' && textOf(c).includes(nextIndex), { fromIndex: second.from, timeoutMs: WAIT_MS });
    const notice = await fake.waitForReply(USER_ID, { fromIndex: second.from, match: /dimulai ulang/, timeoutMs: WAIT_MS });
    expect(textOf(notice)).toBe('♻️ Pendamping baru saja dimulai ulang. Jawaban Anda aman tersimpan; kita lanjutkan dari tempat terakhir.');
    expect(fake.calls.indexOf(notice)).toBeLessThan(fake.calls.indexOf(afterRestart));
    // the queued answer was taken for the question that was open when the process died
    // (the echo of a long typed answer may be shortened with "…")
    const afterKill = await stored.handled(queued['update_id'] as number); // written: edits are done
    expect(Object.values(afterKill.activity!.form.answers)).toContain(QUEUED_ANSWER);
    q = user.message((afterRestart.response as { result: { message_id: number } }).result.message_id);
    expect(questionNumber(q).index).toBe(beforeKill.index + 1);
    expect(q.text).toContain('Sejauh mana klien menyadari masalahnya?');
    expect(afterKill.activity?.form.answers).toMatchObject({ tempat: PLACE, jenis_kontak: 'tempat_lain', sesi_dilaksanakan: 'sesuai_rencana', yang_hadir: ['klien'] });
    const history = afterKill.activity!.form.history;
    expect(new Set(history).size).toBe(history.length); // nothing applied twice

    // 5b. The remaining questions, answered the way a hurried worker would. Before the first
    // single-choice one the process is stopped gracefully (6).
    let optionalSeen = 0;
    let sigtermDone = false;
    for (let guard = 0; guard < 40 && !/Periksa sebelum disimpan/.test(q.text ?? ''); guard++) {
      const all = buttons(q);
      const options = all.filter((b) => !NAV.has(b.text) && !b.text.startsWith('✔️ Selesai'));
      const done = all.find((b) => b.text.startsWith('✔️ Selesai'));
      const optional = all.some((b) => b.text === '⏭ Lewati');
      const text = q.text ?? '';
      if (optional && ++optionalSeen % 2 === 0) {
        note(q, '— (dilewati)');
        q = (await user.press(q, '⏭ Lewati', NEXT)).msg;
      } else if (done) {
        const first = options[0]!;
        const edited = await user.pressInPlace(q, first.text);
        expect(buttons(edited).map((b) => b.text)).toContain(`✅ ${first.text}`);
        note(q, first.text);
        q = (await user.press(edited, /^✔️ Selesai/, NEXT)).msg;
      } else if (options.some((b) => b.text === 'Ya') && options.some((b) => b.text === 'Tidak')) {
        note(q, 'Ya');
        q = (await user.press(q, 'Ya', NEXT)).msg;
      } else if (options.length > 0 && options.every((b) => /^\d+$/.test(b.text))) {
        const top = String(Math.max(...options.map((b) => Number(b.text))));
        note(q, `${top}/${top}`);
        q = (await user.press(q, top, NEXT)).msg;
      } else if (options.length > 0 && !sigtermDone) {
        // 6. A graceful stop (SIGTERM) between two answers, then a button from long before it.
        sigtermDone = true;
        const before = await stored.handled(lastUpdateId);
        const exit = await bot.stop('SIGTERM');
        expect(exit, 'a graceful stop ends with exit code 0').toEqual({ code: 0, signal: null });
        const third = await startBot('bot#3');
        bot = third.bot;

        // The intake's 💾 Simpan, pressed again: refused with an alert; no second case.
        const stale = fake.pressButton(USER_ID, intakeReview.message_id, intakeSave.callback_data);
        const callbackId = (stale['callback_query'] as { id: string }).id;
        const alert = await fake.waitForCall((c) => c.method === 'answerCallbackQuery' && c.payload['callback_query_id'] === callbackId, {
          fromIndex: third.from,
          timeoutMs: WAIT_MS,
        });
        expect(alert.payload['show_alert']).toBe(true);
        expect(String(alert.payload['text'])).toBe('Tombol ini sudah tidak berlaku. Gunakan pesan terbaru, atau ketik /lanjut.');
        const after = await stored.handled(stale['update_id'] as number);
        expect(after.activity?.form).toEqual(before.activity?.form);
        expect(after.activity?.token).toBe(before.activity?.token);
        expect(after.activity?.screen?.prompt).toBe(q.message_id);
        expect(user.outgoingSince(third.from)).toEqual([]);
        expect(Object.keys(await redis.hgetall(keys.cases(USER_ID)))).toEqual([caseId]);

        // A button of a question answered before both restarts (Jenis kontak → Di tempat lain):
        // refused with the same alert, and no answer changes. It is the first press this process
        // feeds to the note, so the restart is announced and the open question sent again.
        const oldFrom = fake.calls.length;
        const old = fake.pressButton(USER_ID, contactPrompt.message_id, staleButton.callback_data);
        const oldId = (old['callback_query'] as { id: string }).id;
        const oldAlert = await fake.waitForCall((c) => c.method === 'answerCallbackQuery' && c.payload['callback_query_id'] === oldId, { fromIndex: oldFrom, timeoutMs: WAIT_MS });
        expect(oldAlert.payload['show_alert']).toBe(true);
        expect(String(oldAlert.payload['text'])).toBe('Tombol ini sudah tidak berlaku. Gunakan pesan terbaru, atau ketik /lanjut.');
        const afterOld = await stored.handled(old['update_id'] as number);
        expect(afterOld.activity?.form).toEqual(before.activity?.form);
        const resent = user.outgoingSince(oldFrom).filter((c) => c.method === 'sendMessage');
        expect(resent.map(textOf)).toEqual([
          '♻️ Pendamping baru saja dimulai ulang. Jawaban Anda aman tersimpan; kita lanjutkan dari tempat terakhir.',
          q.text,
        ]);
        const again = user.message((resent[1]!.response as { result: { message_id: number } }).result.message_id);
        expect(buttons(again).map((b) => b.text)).toEqual(buttons(q).map((b) => b.text));
        expect(afterOld.activity?.screen?.prompt).toBe(again.message_id);
        // the message the earlier press turned into the next question keeps the answer pressed on it
        expect(user.message(contactPrompt.message_id).text).toContain('✅ Bentuk pertemuan? <b>Di tempat lain</b>');
        q = again;

        // the open question still takes its answer; the restart was announced once
        const asked = questionNumber(q);
        const answerFrom = fake.calls.length;
        note(q, options[0]!.text);
        q = (await user.press(q, options[0]!.text, NEXT)).msg;
        expect(questionNumber(q).index).toBe(asked.index + 1);
        expect(user.outgoingSince(answerFrom).filter((c) => /dimulai ulang/.test(textOf(c)))).toHaveLength(0);
        expect(user.outgoingSince(third.from).filter((c) => /dimulai ulang/.test(textOf(c)))).toHaveLength(1);
      } else if (options.length > 0) {
        note(q, options[0]!.text);
        q = (await user.press(q, options[0]!.text, NEXT)).msg;
      } else if (text.includes('Kirim foto, pesan suara, dokumen, atau video.')) {
        note(q, '📷 Foto');
        q = (await user.expectReply(() => fake.sendPhoto(USER_ID), NEXT)).msg;
      } else if (/Ketik misalnya: .*besok/.test(text)) {
        note(q, DateTime.now().setZone(ZONE).plus({ days: 1 }).setLocale('id').toFormat('d MMMM yyyy'));
        q = (await user.say('besok', NEXT)).msg;
      } else {
        const answer = `Jawaban singkat untuk pertanyaan ${questionNumber(q).index}`;
        note(q, answer);
        q = (await user.say(answer, NEXT)).msg;
      }
    }
    expect(sigtermDone, 'the flow had a single-choice question to stop on').toBe(true);

    // The review: every answer, including the five given before the SIGKILL and the queued one.
    const review = q;
    const reviewText = review.text ?? '';
    expect(reviewText).toContain('📋 Periksa sebelum disimpan');
    expect(reviewText).toContain('Si (42) · Tahap 1/8 Penyadaran akan adanya masalah');
    expect(reviewText).toMatch(new RegExp(`<b>1\\. Tanggal sesi\\?</b>\\n(${dayBefore}|${dayAfter})\\n`));
    expect(reviewText).toContain('<b>2. Apakah sesi terlaksana?</b>\nYa\n');
    expect(reviewText).toContain('<b>3. Bentuk pertemuan?</b>\nDi tempat lain\n');
    expect(reviewText).toContain(`<b>4. Di mana sesi berlangsung?</b>\n${PLACE}\n`);
    expect(reviewText).toContain('<b>5. Siapa saja yang hadir?</b>\nKlien\n');
    expect(reviewText).toContain(`${QUEUED_ANSWER}\n`);
    for (const a of answered) {
      const shown = a.index === 1 && dayAfter !== dayBefore ? undefined : `<b>${a.index}. ${a.prompt}</b>\n${a.shown}\n`;
      if (shown) expect(reviewText, `answer ${a.index} in the review`).toContain(shown);
    }
    const lastIndex = Math.max(...answered.map((a) => a.index));
    expect(answered.map((a) => a.index)).toEqual(Array.from({ length: lastIndex }, (_, i) => i + 1));
    expect(reviewText).not.toContain(`<b>${lastIndex + 1}. `);
    expect(buttons(review).filter((b) => b.text.startsWith('✏️'))).toHaveLength(lastIndex);

    const saved = await user.press(review, '💾 Simpan', /Catatan sesi/);
    expect(textOf(saved.call)).toContain('✅ Catatan sesi Si (42) tersimpan (catatan ke-1).');
    expect(buttons(saved.msg).map((b) => b.text)).toEqual(['⏭ Ke tahap 2', 'Tetap di tahap 1', '📄 Lihat catatan']);
    expect((await stored.handled(saved.update['update_id'] as number)).activity).toBeUndefined();

    // 7. /riwayat ---------------------------------------------------------------------------
    const historyPicker = (await user.say('/riwayat', /Riwayat kasus mana/)).msg;
    const list = (await user.press(historyPicker, CASE_BUTTON, /catatan, terbaru di atas/)).msg;
    expect(list.text).toMatch(new RegExp(`^📚 Si \\(42\\) #[A-Z0-9]{6} · Zastrow · tahap 1/8: 1 catatan, terbaru di atas \\(hal\\. 1/1\\)$`));
    const noteButtons = buttons(list).filter((b) => b.callback_data.startsWith('hn:'));
    expect(noteButtons).toHaveLength(1);
    // within 24 characters: the note's number, a short day ("13 Mar": an Indonesian month's first
    // three letters) and the stage's number stay
    const short = (day: string) => day.split(' ').slice(0, 2).map((w, i) => (i === 1 ? w.slice(0, 3) : w)).join(' ');
    expect(noteButtons[0]!.text).toMatch(new RegExp(`1\\) (${short(dayBefore)}|${short(dayAfter)}) · 1\\.`));
    expect([...noteButtons[0]!.text].length).toBeLessThanOrEqual(24);
    const opened = await user.press(list, noteButtons[0]!.text, /📄/);
    await stored.handled(opened.update['update_id'] as number);
    const full = user
      .outgoingSince(opened.from)
      .filter((c: ApiCall) => c.method === 'sendMessage')
      .map(textOf)
      .join('\n');
    expect(full).toMatch(new RegExp(`^📄 <b>Si \\(42\\)</b> · (${dayBefore}|${dayAfter}) · Tahap 1/8 Penyadaran akan adanya masalah`));
    for (const part of ['Ya', 'Di tempat lain', PLACE, 'Klien', QUEUED_ANSWER, '📷 Foto']) expect(full).toContain(part);
    expect(full).toMatch(new RegExp(`<b>1\\. Tanggal sesi\\?</b>\\n(${dayBefore}|${dayAfter})`));

    // 8. Redis: stored, and encrypted at rest ----------------------------------------------
    const notesKey = keys.notes(USER_ID, caseId!);
    const rawNotes = await redis.hgetallBuffer(notesKey);
    expect(Object.keys(rawNotes)).toHaveLength(1);
    const [noteId, raw] = Object.entries(rawNotes)[0]!;
    // packed against its flow version, compressed, sealed, kept as bytes (src/store/note-pack.ts)
    expect(raw[0]).toBe(0x03);
    for (const secret of [PLACE, 'Bandung', QUEUED_ANSWER, 'tempat_lain', 'sesuai_rencana', 'klien']) {
      expect(raw.toString('latin1')).not.toContain(secret);
      expect(raw.toString('utf8')).not.toContain(secret);
    }
    const stored_ = (await noteOpener(DATA_KEY))(raw, notesKey, noteId);
    expect(stored_).toMatchObject({ caseId, authorId: USER_ID, flowId: 'zastrow-mezzo', flowVersion: 7, stageId: 'penyadaran_masalah', stageIndex: 0, stageCount: 8 });
    const items = Object.fromEntries(stored_.items.map((i) => [i.id, i.value]));
    expect(items).toMatchObject({
      tempat: PLACE,
      jenis_kontak: 'tempat_lain',
      sesi_dilaksanakan: 'sesuai_rencana',
      yang_hadir: ['klien'],
      masalah_diungkap: QUEUED_ANSWER,
    });
    expect(stored_.sessionDate).toBe(items['tanggal_sesi']);
    expect([dayBefore, dayAfter]).toContain(DateTime.fromISO(String(items['tanggal_sesi'])).setLocale('id').toFormat('d MMMM yyyy'));
    // the case and the session compressed and sealed as bytes (src/store/record-pack.ts)
    const rawCase = (await redis.hgetBuffer(keys.cases(USER_ID), caseId!))!;
    expect(rawCase[0]).toBe(0x03);
    expect(rawCase.toString('latin1')).not.toContain(PROBLEM);
    const rawSession = (await redis.hgetBuffer(keys.session(USER_ID), 'data'))!;
    expect(rawSession[0]).toBe(0x03);

    // 9. A graceful stop, and nothing left running --------------------------------------------
    expect(await bot.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(procs.every((p) => !p.running)).toBe(true);
    console.info(`e2e restart test: ${answered.length} answers, ${procs.length} bot processes, ${Date.now() - started} ms`);
  }, 90_000);
});
