// Minimal reproducers of what the fuzz (test/bot/fuzz.test.ts) found: each a few updates from a
// fresh organisation. Run: REDIS_URL=… node --import tsx test/support/fuzz-repro.ts
import { ADMIN, Harness, openCase } from './bot-harness.ts';
import type { ApiCall } from './fake-bot-api.ts';

const W = 6001;

async function team(h: Harness): Promise<void> {
  await h.say('/lembaga');
  await h.say('Lembaga Uji');
  await h.say('/lembaga');
  await h.tap('Undangan baru');
  const [made] = await h.tap('Petugas · sekali pakai');
  const code = /start=([a-z0-9]+_[a-z0-9]+)/.exec(made!.text!)![1]!;
  await h.say(`/start ${code}`, { user: W, firstName: 'Budi' });
}

function show(title: string, h: Harness, from: number): void {
  const calls = h.fake.calls.slice(from) as ApiCall[];
  console.log(`\n=== ${title}`);
  for (const c of calls) {
    const st = c.response?.ok ? 'ok' : `REJECTED ${c.response && !c.response.ok ? c.response.description : ''}`;
    console.log(`  ${c.method} msg=${String(c.payload['message_id'] ?? '')} [${st}] ${String(c.payload['text'] ?? c.payload['callback_query_id'] ?? '').slice(0, 90)}`);
  }
  for (const l of h.logs.filter((x) => /"level":(50|60)/.test(x))) console.log(`  LOG ${l.slice(0, 300)}`);
  h.logs.length = 0;
}

async function step(h: Harness, u: Record<string, unknown>): Promise<void> {
  await h.handle(u, W);
}

const cases: Array<[string, (h: Harness, caseId: string) => Promise<void>]> = [
  ['R1 cs:<own case> pressed on a message that does not exist (notes.ts:86)', async (h, caseId) => step(h, h.fake.pressButton(W, 999_999, `cs:${caseId}`))],
  ['R2 rm:zone pressed on a message that does not exist (reminders.ts:111)', async (h) => step(h, h.fake.pressButton(W, 999_999, 'rm:zone'))],
  ['R3 dr:discard pressed on a message that does not exist (drafts.ts:34)', async (h) => {
    await h.say('/kasus_baru', { user: W });
    await h.say('/catat', { user: W });
    const token = /dr:discard:([a-z0-9]+)/.exec(JSON.stringify(h.last(W).reply_markup))![1]!;
    const from = h.fake.calls.length;
    await step(h, h.fake.pressButton(W, 999_999, `dr:discard:${token}`));
    show('R3 (only the last update)', h, from);
  }],
  ['R4 edited message from a stranger: no answer', async (h) => {
    const u = h.fake.sendText(7001, 'halo');
    const ed = { update_id: (u.update_id as number) + 1000, edited_message: { ...(u.message as object), edit_date: 1 } };
    await h.handle(ed, 7001);
  }],
];

for (const [title, run] of cases) {
  const h = await Harness.start();
  await team(h);
  const caseId = await openCase(h, 'Si', 'Zastrow', W);
  h.logs.length = 0;
  const from = h.fake.calls.length;
  await run(h, caseId);
  show(title, h, from);
  await h.stop();
}
void ADMIN;
