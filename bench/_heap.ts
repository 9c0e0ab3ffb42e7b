import { runChild } from './child.ts';
import { rm, mkdir, readdir, readFile } from 'node:fs/promises';
const bot = process.argv[2] ?? 'pendamping';
const dir = `/tmp/heap-${bot}`; await rm(dir, { recursive: true, force: true }); await mkdir(dir, { recursive: true });
const r: any = await runChild('./notes.ts', { bot, redisUrl: 'redis://127.0.0.1:6390', sizes: [2000], warmup: 150, base: 6_000_000 }, ['--heap-prof', '--heap-prof-dir', dir, '--heap-prof-interval', '4096']);
const files = (await readdir(dir)).filter((f) => f.endsWith('.heapprofile'));
let best: any; let bestSize = 0;
for (const f of files) { const t = await readFile(`${dir}/${f}`, 'utf8'); if (t.length > bestSize) { bestSize = t.length; best = JSON.parse(t); } }
const self = new Map<string, number>(); let total = 0;
const walk = (n: any) => { const s = n.selfSize; if (s) { const cf = n.callFrame; const k = `${cf.functionName || '(anon)'} ${cf.url.replace(/.*node_modules\//, '').replace(/.*\/work\/main\//, '')}:${cf.lineNumber}`; self.set(k, (self.get(k) ?? 0) + s); total += s; } for (const c of n.children) walk(c); };
walk(best.head);
const updates = 26000;
console.log(`${bot}: sampled ${(total / updates / 1024).toFixed(1)} KiB/update live-at-end?? (heap-prof samples allocations still live at end + ... )`);
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log((v / updates).toFixed(0).padStart(7), 'B', k);
