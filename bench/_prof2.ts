import { runChild } from './child.ts';
import { mainProfile, summarise } from './profile.ts';
import { rm, mkdir } from 'node:fs/promises';
const redisUrl = 'redis://127.0.0.1:6390';
for (const bot of (process.argv[2] ?? 'pendamping,state-machine').split(',')) {
  const dir = `/tmp/prof-${bot}`; await rm(dir, { recursive: true, force: true }); await mkdir(dir, { recursive: true });
  const r: any = await runChild('./notes.ts', { bot, redisUrl, sizes: [2000], warmup: 150, base: bot === 'pendamping' ? 3_000_000 : 4_000_000 }, ['--cpu-prof', '--cpu-prof-dir', dir]);
  const run = r.runs[0];
  const updates = run.updates ?? 2000 * 13;
  const s = await summarise(await mainProfile(dir), 40);
  console.log(`== ${bot} updates=${updates} total ${(s.totalMs * 1000 / updates).toFixed(0)} µs/upd (incl warmup+startup)`);
  for (const m of s.modules) console.log(`${(m.ms * 1000 / updates).toFixed(1).padStart(7)} µs ${m.name}`);
}
