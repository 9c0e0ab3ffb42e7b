import { spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { FakeBotApi } from '../support/fake-bot-api.ts';
import { WorkspaceStore } from '../../src/store/workspace-store.ts';
import { DataCipher } from '../../src/store/crypto.ts';
import { createKeys } from '../../src/store/keys.ts';
import { bullConnection, ReminderQueues } from '../../src/reminders/queues.ts';

const url = 'redis://127.0.0.1:6420';
const prefix = `exp-${Date.now()}:`;
const key = Buffer.alloc(32, 7);
const fake = await FakeBotApi.start();
const redis = new Redis(url);
const keys = createKeys(prefix);
const store = new WorkspaceStore<object>(redis, keys, new DataCipher([key]));
const now = new Date().toISOString();
const mk = (id: string, initials: string) => ({ id, ownerId: 501, initials, age: 30, gender: 'p' as const, setting: 'bapas' as const, problem: 'x', flowId: 'zastrow-mezzo', stageId: 'penyadaran_masalah', status: 'active' as const, createdAt: now, updatedAt: now, noteCount: 0, monitoring: { cadence: 'weekly' as const } });
await store.commit(501, 0, { session: {}, cases: [mk('caseaaaa01', 'AB'), mk('casebbbb02', 'CD')] });
const q = new ReminderQueues(bullConnection(url), keys);
const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker-main.ts'], { cwd: '/work/main', env: { ...process.env, BOT_TOKEN: '123456:TEST-token-for-the-fake-api', TELEGRAM_API_ROOT: fake.url, REDIS_URL: url, REDIS_PREFIX: prefix, DATA_KEY: key.toString('base64'), REMINDER_EVERY_MS: '1000', LOG_LEVEL: 'info' }, stdio: ['ignore', 'inherit', 'inherit'] });
await new Promise((r) => setTimeout(r, 2500));
const t0 = Date.now();
await q.requestSync(501);
await new Promise((r) => setTimeout(r, 7000));
for (const c of fake.calls.filter((c) => c.method === 'sendMessage')) {
  console.log(c.at - t0, JSON.stringify(c.payload.text), JSON.stringify((c.payload.reply_markup as any).inline_keyboard.flat().map((b: any) => b.callback_data)));
}
console.log(await q.schedule.getJobSchedulers());
child.kill('SIGTERM');
await q.close();
const ks = await redis.keys(prefix + '*'); if (ks.length) await redis.del(...ks);
redis.disconnect(); await fake.stop();
