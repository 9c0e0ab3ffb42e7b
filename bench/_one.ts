import { runChild } from './child.ts';
const bot = process.argv[2]!;
const r: any = await runChild('./notes.ts', { bot, redisUrl: 'redis://127.0.0.1:6390', sizes: [Number(process.argv[3] ?? 1000)], warmup: Number(process.argv[4] ?? 150), base: 5_000_000 });
console.log(bot, JSON.stringify(r.runs[0]).slice(0, 400));
