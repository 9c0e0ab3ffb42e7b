import { cp, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Harness, openCase, buttons } from '/work/main/test/support/bot-harness.ts';
const dir = await mkdtemp(path.join(os.tmpdir(), 'bf-'));
await cp('flows', dir, { recursive: true });
await cp('bench/flow/bench-catatan.yaml', path.join(dir, 'bench-catatan.yaml'));
const h = await Harness.start({ registry: { flowsDir: dir } });
const id = await openCase(h, 'Si', 'Bench');
console.log('case', id);
let n0 = h.fake.calls.length;
const show = (label: string) => {
  const calls = h.fake.calls.slice(n0); n0 = h.fake.calls.length;
  console.log(`--- ${label}: ${calls.map((c) => c.method).join(', ')}`);
  const m = h.last(); console.log(JSON.stringify(m.text)?.slice(0, 300), buttons(m).map((b) => `${b.text}=${b.callback_data}`).join(' | '));
};
await h.say('/catat'); show('/catat');
await h.tap('Si (42)'); show('case');
await h.tap('✅'); show('stage');
const answers: Array<['say' | 'tap', string]> = [['say', 'Klien bercerita'], ['tap', 'Cemas'], ['say', 'Keluarga baik'], ['say', '3'], ['say', 'Konseling'], ['tap', 'Ya'], ['tap', 'Membaik'], ['say', 'Tidak ada'], ['say', 'Kunjungan rumah'], ['say', 'Tidak ada lagi']];
for (const [k, v] of answers) { if (k === 'say') await h.say(v); else await h.tap(v); show(`${k} ${v}`); }
await h.tap('Simpan'); show('simpan');
const ws = await h.workspace(4242, id);
console.log(JSON.stringify(Object.values(ws.notes!)[0], null, 1).slice(0, 3000));
console.log(JSON.stringify(ws.session).slice(0, 1500));
await h.stop();
process.exit(0);
