// Minimal reproducers of what the fuzz (test/bot/fuzz.test.ts) found, each from a fresh organisation
// (an admin, one worker with one case): one button press on a message the bot can no longer reach
// (Telegram sends such a press with an InaccessibleMessage: chat, message_id, date 0).
// Run: REDIS_URL=redis://127.0.0.1:6390 node --import tsx test/support/fuzz-repro.ts
import { ADMIN, Harness, invitationCode, openCase } from './bot-harness.ts';

const W = 6001;
const GONE = 999_999;

async function setup(): Promise<{ h: Harness; caseId: string; orgId: string }> {
  const h = await Harness.start();
  await h.say('/lembaga');
  await h.say('Lembaga Uji');
  await h.say('/lembaga');
  await h.tap('Undangan baru');
  const [made] = await h.tap('Petugas · 1 orang');
  const code = invitationCode(made);
  await h.say(`/start ${code}`, { user: W, firstName: 'Budi' });
  const caseId = await openCase(h, 'Si', 'Zastrow', W);
  return { h, caseId, orgId: code.split('_')[0]! };
}

/** Presses `data` as `user` on a message that is gone; prints the calls, what was refused and errors. */
async function pressGone(h: Harness, user: number, data: string): Promise<string> {
  const u = h.fake.pressButton(user, GONE, data);
  const q = u['callback_query'] as { message: Record<string, unknown> };
  q.message = { chat: q.message['chat'], message_id: GONE, date: 0 };
  const from = h.fake.calls.length;
  h.logs.length = 0;
  await h.handle(u, user);
  const calls = h.fake.calls.slice(from).map((c) => `${c.method}${c.response?.ok ? '' : ` REFUSED(${c.response && !c.response.ok ? c.response.description : ''})`}`);
  const errors = h.logs.filter((l) => /"level":(50|60)/.test(l)).map((l) => (JSON.parse(l) as { msg: string }).msg);
  return `${calls.join(', ')}${errors.length ? ` | logged: ${errors.join(', ')}` : ''}`;
}

const { h, caseId, orgId } = await setup();
const presses: Array<[number, string]> = [
  [W, `cs:${caseId}`], // notes.ts: pick another stage (editMessageText)
  [W, 'cp:k:0'], // case-picker.ts: a page of the case list
  [W, 'rm:zone'], [W, 'rm:day'], [W, 'rm:hour'], [W, 'rm:cases'], [W, 'rd:3'], [W, 'rh:9'], // reminders.ts
  [W, 'l:en'], [W, 'l:id'], // menu.ts: language set
  [W, 'll:0'], // reports.ts: a page of /laporan
  [W, `h:${caseId}:1`], // history.ts: a page of a case's notes
  [W, `cg:${caseId}:0`], // notes.ts: starts the note at that stage (the stage list becomes its first question: editMessageText, caught)
  [W, '/catat-draft'], // placeholder: replaced below
  [ADMIN, `o:${orgId}:m`], [ADMIN, `o:${orgId}:l`], [ADMIN, `o:${orgId}:i`], [ADMIN, `o:${orgId}:a`], [ADMIN, `o:${orgId}:r`], [ADMIN, `o:${orgId}:u:${W}`], // organisation screens
];
for (const [user, data] of presses) {
  if (data === '/catat-draft') {
    // a draft is open (the note started above): its "discard" button, pressed on a message that is gone
    await h.say('/catat', { user: W });
    const token = /dr:discard:([a-z0-9]+)/.exec(JSON.stringify(h.last(W).reply_markup))?.[1];
    if (token) console.log(`${user === ADMIN ? 'admin ' : 'worker'} dr:discard:<token>  → ${await pressGone(h, W, `dr:discard:${token}`)}`);
    continue;
  }
  console.log(`${user === ADMIN ? 'admin ' : 'worker'} ${data.padEnd(22)} → ${await pressGone(h, user, data)}`);
}
await h.stop();

// The "message is not modified": a press whose data is not the pressed message's own (a forged
// press) takes the keyboard off the current question; the next invalid answer edits that question's
// keyboard away again.
{
  const { h, caseId } = await setup();
  await h.say('/kasus_baru', { user: W });
  await h.tap('Zastrow', W); // the model first: its question becomes the next one in place
  const prompt = h.last(W); // "Inisial klien?" with its ⬅️/✖️ buttons
  for (const [what, u] of [
    [`st:${caseId} pressed on the question`, h.fake.pressButton(W, prompt.message_id, `st:${caseId}`)],
    ['a sticker', h.fake.sendSticker(W)],
  ] as const) {
    const from = h.fake.calls.length;
    await h.handle(u, W);
    console.log(`${what} → ${h.fake.calls.slice(from).map((c) => `${c.method}(${String(c.payload['message_id'] ?? '')})${c.response?.ok ? '' : ` REFUSED(${c.response && !c.response.ok ? c.response.description.slice(0, 40) : ''})`}`).join(', ')}`);
  }
  await h.stop();
}
