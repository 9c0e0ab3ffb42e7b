// Redis Cluster, for real: three local masters (`redis-server --cluster-enabled yes`, joined with
// `redis-cli --cluster create`), the real bot process with its reminder workers on them through
// ioredis' Cluster client (REDIS_CLUSTER_NODES), the fake Bot API. An admin founds an organisation,
// a supervisor and a worker join by invitation link — the three picked so that their keys live on
// three different masters —, the worker opens a case, gets its reminder, writes and saves a note; the
// supervisor gets the summary (through BullMQ on the cluster) and approves it, and the worker is
// told. No command may cross slots: none in the bot's log, none in any node's error counters. The
// nodes require a password (`requirepass`): the bot reaches them with REDIS_PASSWORD, a client
// without it is refused.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { inviteIdOf } from '../../src/org/invitations.ts';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { createKeys } from '../../src/store/keys.ts';
import { scanAll } from '../../src/store/redis-connection.ts';
import { slotPipeline, unlinkAll } from '../../src/store/slot-pipeline.ts';
import { deletePrefix, redisUrl } from '../support/redis.ts';
import { FakeBotApi, type ApiCall, type FakeMessage } from '../support/fake-bot-api.ts';
import { BotProcess, buttons, findButton, openCaseByIntake, sleep, textOf, User, WAIT_MS, withTimeout } from './support.ts';

// ---------------------------------------------------------------------------
// A local cluster of three masters

/** Why this machine cannot run a cluster (redis-cli --cluster needs Redis 5 or later), or undefined. */
function missingClusterSupport(): string | undefined {
  const server = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (server.error) return 'redis-server is not installed';
  const major = Number(/v=(\d+)\./.exec(server.stdout)?.[1] ?? 0);
  if (major < 5) return `redis-server ${major || '?'} has no cluster tooling (redis-cli --cluster needs Redis 5 or later)`;
  const cli = spawnSync('redis-cli', ['--version'], { encoding: 'utf8' });
  if (cli.error) return 'redis-cli is not installed (Debian: apt-get install redis-tools)';
  if (Number(/redis-cli (\d+)\./.exec(cli.stdout)?.[1] ?? 0) < 5) return 'redis-cli is older than 5 (no --cluster create)';
  return undefined;
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** Three loopback ports whose cluster bus ports (port + 10000) are free too. */
async function clusterPorts(): Promise<number[]> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 25_000);
    const ports = [base, base + 1, base + 2];
    const free = await Promise.all(ports.flatMap((p) => [isFree(p), isFree(p + 10_000)]));
    if (free.every(Boolean)) return ports;
  }
  throw new Error('no free ports for a local cluster');
}

/** Every node's `requirepass` (REDIS_PASSWORD of the bot). */
const PASSWORD = `cluster-pw-${randomBytes(6).toString('hex')}`;

function run(cmd: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // redis-cli takes the password from the environment (no warning, not in ps)
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, REDISCLI_AUTH: PASSWORD } });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

class LocalCluster {
  readonly dir: string;
  readonly ports: number[];
  private readonly servers: ChildProcess[];

  private constructor(
    dir: string,
    ports: number[],
    servers: ChildProcess[],
  ) {
    this.dir = dir;
    this.ports = ports;
    this.servers = servers;
  }

  /** REDIS_CLUSTER_NODES */
  get nodes(): string {
    return this.ports.map((p) => `127.0.0.1:${p}`).join(',');
  }

  static async start(): Promise<LocalCluster> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pendamping-cluster-'));
    const ports = await clusterPorts();
    const servers = ports.map((port) =>
      spawn('redis-server', [
        '--port', String(port), '--bind', '127.0.0.1', '--requirepass', PASSWORD,
        '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '5000',
        '--dir', dir, '--save', '', '--appendonly', 'no', '--logfile', path.join(dir, `redis-${port}.log`),
      ], { stdio: 'ignore' }),
    );
    const cluster = new LocalCluster(dir, ports, servers);
    try {
      await Promise.all(ports.map((p) => cluster.untilPong(p)));
      const made = await run('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes']);
      if (made.code !== 0) throw new Error(`redis-cli --cluster create failed:\n${made.output}`);
      await cluster.untilOk();
    } catch (err) {
      await cluster.stop();
      throw err;
    }
    return cluster;
  }

  private async untilPong(port: number): Promise<void> {
    const until = Date.now() + WAIT_MS;
    for (;;) {
      const r = await run('redis-cli', ['-p', String(port), 'ping']);
      if (r.output.trim() === 'PONG') return;
      if (Date.now() > until) throw new Error(`redis-server on ${port} did not start:\n${await this.log(port)}`);
      await sleep(50);
    }
  }

  /** Every node says cluster_state:ok (all 16384 slots served). */
  private async untilOk(): Promise<void> {
    const until = Date.now() + 20_000;
    for (;;) {
      const infos = await Promise.all(this.ports.map((p) => this.node(p, (r) => r.cluster('INFO') as Promise<string>)));
      if (infos.every((i) => /cluster_state:ok/.test(i))) return;
      if (Date.now() > until) throw new Error(`the cluster did not become ok:\n${infos.join('\n')}`);
      await sleep(100);
    }
  }

  /** One command to one node, on a connection of its own. */
  async node<T>(port: number, fn: (r: Redis) => Promise<T>): Promise<T> {
    const r = new Redis({ port, host: '127.0.0.1', password: PASSWORD, lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await r.connect();
      return await fn(r);
    } finally {
      r.disconnect();
    }
  }

  /** The port of the master that serves this hash slot. */
  async masterOf(slot: number): Promise<number> {
    const ranges = await this.node(this.ports[0]!, (r) => r.cluster('SLOTS'));
    const range = ranges.find(([from, to]) => slot >= from && slot <= to);
    if (!range?.[2]) throw new Error(`slot ${slot} is not served`);
    return range[2][1];
  }

  log(port: number): Promise<string> {
    return readFile(path.join(this.dir, `redis-${port}.log`), 'utf8').catch(() => '(no log)');
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            if (s.exitCode !== null || s.signalCode !== null) return resolve();
            s.once('exit', () => resolve());
            s.kill('SIGTERM');
          }),
      ),
    );
    await rm(this.dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
// The test

const MISSING = missingClusterSupport();
const TOKEN = '7400411:AAH-e2e_cluster_token_0123456789';
const DATA_KEY = randomBytes(32);
const PREFIX = `e2e-cluster-${process.pid}:`;
const keys = createKeys(PREFIX);
const log: string[] = [];
const procs: BotProcess[] = [];
let cluster: LocalCluster | undefined;
let fake: FakeBotApi | undefined;
let client: Cluster | undefined;

/** The next question, or the review at the end. */
const NEXT = /<b>Pertanyaan \d+ dari (± )?\d+<\/b>|Periksa sebelum disimpan/;
const NAV = new Set(['⬅️ Kembali', '⏭ Lewati', '➡️ Pakai jawaban lama', '↩️ Seperti sesi lalu', 'ℹ️ Panduan', '✖️ Batal']);
const CROSS_SLOT = /CROSSSLOT|should belong to the same slot|same slots allocation group/i;

function sentTo(userId: number, c: ApiCall): boolean {
  return c.method === 'sendMessage' && Number(c.payload['chat_id']) === userId && c.response?.ok === true;
}

function messageOf(user: User, call: ApiCall): FakeMessage {
  return user.message((call.response as { result: { message_id: number } }).result.message_id);
}

/** Three user ids whose keys ({u:<id>}) live on three different masters. */
async function idsOnThreeMasters(c: LocalCluster): Promise<[number, number, number]> {
  const byMaster = new Map<number, number>();
  for (let id = 741_001; byMaster.size < 3 && id < 742_000; id++) {
    const slot = await c.node(c.ports[0]!, (r) => r.cluster('KEYSLOT', keys.session(id)) as Promise<number>);
    const master = await c.masterOf(slot);
    if (!byMaster.has(master)) byMaster.set(master, id);
  }
  const ids = [...byMaster.values()];
  if (ids.length < 3) throw new Error('could not spread the test users over three masters');
  return ids as [number, number, number];
}

/** Waits until an invitation (written right after the admin's reply) is in Redis. */
async function untilInvite(code: string): Promise<void> {
  const [orgId, secret] = code.split('_') as [string, string];
  const until = Date.now() + WAIT_MS;
  // stored under the hash of its secret (src/org/invitations.ts)
  while (!(await client!.hget(keys.invites(orgId), inviteIdOf(secret)))) {
    if (Date.now() > until) throw new Error(`invitation ${code} was not stored`);
    await sleep(20);
  }
}

function invitationCode(m: FakeMessage): string {
  const match = /start=([a-z0-9]+_[a-z0-9]+)/.exec(m.text ?? '');
  if (!match) throw new Error(`no invitation link in ${JSON.stringify(m.text)}`);
  return match[1]!;
}

/** Answers the note's questions the plain way (first option, optional ones skipped) up to the review. */
async function answerNote(user: User, first: FakeMessage): Promise<FakeMessage> {
  let q = first;
  for (let guard = 0; guard < 60 && !/Periksa sebelum disimpan/.test(q.text ?? ''); guard++) {
    const all = buttons(q);
    const options = all.filter((b) => !NAV.has(b.text) && !b.text.startsWith('✔️ Selesai'));
    const done = all.some((b) => b.text.startsWith('✔️ Selesai'));
    const text = q.text ?? '';
    if (all.some((b) => b.text === '⏭ Lewati')) q = (await user.press(q, '⏭ Lewati', NEXT)).msg;
    else if (/Tanggal sesi\?/.test(text)) q = (await user.say('kemarin', NEXT)).msg;
    else if (done) q = (await user.press(await user.pressInPlace(q, options[0]!.text), /^✔️ Selesai/, NEXT)).msg;
    else if (options.length > 0 && options.every((b) => /^\d+$/.test(b.text))) q = (await user.press(q, String(Math.max(...options.map((b) => Number(b.text)))), NEXT)).msg;
    else if (options.length > 0) q = (await user.press(q, options[0]!.text, NEXT)).msg;
    else q = (await user.say(`Jawaban singkat ${guard + 1}`, NEXT)).msg;
  }
  if (!/Periksa sebelum disimpan/.test(q.text ?? '')) throw new Error(`the note did not reach its review: ${JSON.stringify(q.text)}`);
  return q;
}

describe.skipIf(MISSING !== undefined)(`Redis Cluster${MISSING ? ` — skipped: ${MISSING}` : ''}`, () => {
  beforeAll(async () => {
    cluster = await LocalCluster.start();
    client = new Cluster(cluster.ports.map((port) => ({ host: '127.0.0.1', port })), { redisOptions: { maxRetriesPerRequest: 2, password: PASSWORD } });
    fake = await FakeBotApi.start();
  }, 40_000);

  afterAll(async () => {
    for (const p of procs) p.forceKill();
    await Promise.all(procs.map((p) => withTimeout(p.exited, WAIT_MS, `${p.name} did not die`).catch(() => undefined)));
    await fake?.stop();
    client?.disconnect();
    await cluster?.stop();
  });

  it('pipelines across slots in order, scans and deletes on every master — and on one Redis as before', async () => {
    const plain = new Redis(redisUrl());
    try {
      for (const redis of [client!, plain]) {
        const prefix = `${PREFIX}sp-${redis.isCluster ? 'c' : 'p'}:`;
        const tags = Array.from({ length: 30 }, (_, i) => `${prefix}{u:${i}}`);
        const w = slotPipeline(redis);
        tags.forEach((t, i) => w.set(`${t}:k`, String(i)));
        expect(w.length).toBe(30);
        expect((await w.exec())!.every(([err, ok]) => err === null && ok === 'OK')).toBe(true);
        const r = slotPipeline(redis);
        tags.forEach((t) => {
          r.get(`${t}:k`);
          r.hget(`${t}:k`, 'f'); // a wrong type: its error lands in its own place
        });
        const results = (await r.exec())!;
        expect(results.filter((_, i) => i % 2 === 0).map(([err, v]) => [err, v])).toEqual(tags.map((_, i) => [null, String(i)]));
        expect(results.filter((_, i) => i % 2 === 1).every(([err]) => /WRONGTYPE/.test(String(err)))).toBe(true);
        const found: string[] = [];
        for await (const page of scanAll(redis, `${prefix}*`)) found.push(...page);
        expect(found.sort()).toEqual(tags.map((t) => `${t}:k`).sort());
        expect(await unlinkAll(redis, found.slice(0, 10))).toBe(10);
        expect(await deletePrefix(redis, prefix)).toBe(20);
      }
    } finally {
      plain.disconnect();
    }
  });

  it('runs the bot and its reminder workers on a three-master cluster: a note, its summary, a reminder; nothing crosses slots', async () => {
    onTestFailed(() => {
      console.error(`--- bot process output ---\n${log.join('\n') || '(none)'}`);
      const recent = fake!.calls.slice(-20).filter((c) => c.method !== 'getUpdates').map((c) => `  ${c.method} → ${String(c.payload['chat_id'])} ${JSON.stringify(textOf(c).slice(0, 120))}`);
      console.error(`--- last Bot API calls ---\n${recent.join('\n')}`);
    });
    const c = cluster!;
    const f = fake!;
    // the nodes want the password: a client without it is refused
    const stranger = new Redis({ port: c.ports[0]!, host: '127.0.0.1', lazyConnect: true, enableReadyCheck: false, maxRetriesPerRequest: 0 });
    stranger.on('error', () => undefined);
    await stranger.connect();
    await expect(stranger.get(keys.session(1))).rejects.toThrow(/NOAUTH/);
    stranger.disconnect();
    const [ADMIN, SUP, WORKER] = await idsOnThreeMasters(c);
    f.setUser(ADMIN, { firstName: 'Ani', languageCode: 'id' });
    f.setUser(SUP, { firstName: 'Rina', languageCode: 'id' });
    f.setUser(WORKER, { firstName: 'Budi', languageCode: 'id' });
    const admin = new User(f, ADMIN);
    const sup = new User(f, SUP);
    const worker = new User(f, WORKER);

    const bot = BotProcess.start('bot', {
      BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: f.url,
      REDIS_URL: '', // the test run's own Redis is not this bot's
      REDIS_CLUSTER_NODES: c.nodes,
      REDIS_PASSWORD: PASSWORD,
      REDIS_PREFIX: PREFIX,
      ADMIN_IDS: String(ADMIN),
      DATA_KEY: DATA_KEY.toString('base64'),
      TEST_REMINDER_EVERY_MS: '1000',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
    }, log);
    procs.push(bot);
    await Promise.race([
      f.waitForCall((x) => x.method === 'getUpdates', { timeoutMs: 15_000 }),
      bot.exited.then((e) => {
        throw new Error(`the bot exited before polling (code ${String(e.code)})`);
      }),
    ]);

    // the admin founds the organisation and invites a supervisor (single use)
    await admin.say('/lembaga', /Nama lembaga Anda\?/);
    await admin.say('Bapas Kelas I Bandung', /Lembaga <b>Bapas Kelas I Bandung<\/b> dibuat/);
    const menu = (await admin.say('/lembaga', /Bapas Kelas I Bandung/)).msg;
    const pick = await admin.pressInPlace(menu, '🔗 Undangan baru');
    const supInvite = (await admin.press(pick, /^Supervisor · 1 orang/, /start=/)).msg;
    const supCode = invitationCode(supInvite);
    await untilInvite(supCode);

    // the supervisor joins (the update reads the organisation's slot with their own), and invites their worker
    await sup.say(`/start ${supCode}`, /Selamat bergabung di <b>Bapas Kelas I Bandung<\/b> sebagai Supervisor/);
    const workerCode = invitationCode((await sup.say('/undang', /start=/)).msg);
    await untilInvite(workerCode);
    await worker.say(`/start ${workerCode}`, /Selamat bergabung di <b>Bapas Kelas I Bandung<\/b> sebagai Petugas/);

    // the worker opens a case; its reminder comes (a job scheduler, an occurrence, a deliver job)
    const remindersFrom = f.calls.length;
    await openCaseByIntake(worker);
    const reminder = await f.waitForCall((x) => sentTo(WORKER, x) && textOf(x).startsWith('⏰ Pengingat monitoring'), { fromIndex: remindersFrom, timeoutMs: 15_000 });
    // a lock screen shows the reminder's text: the case's code, never the client
    expect(textOf(reminder)).toMatch(/#[A-Z0-9]{6}/);
    expect(textOf(reminder)).not.toContain('Si (42)');
    expect(buttons(messageOf(worker, reminder)).map((b) => b.text)).toContain('📝 Catat sekarang');

    // the worker records a note and saves it
    const picker = (await worker.say('/catat', /Catat sesi untuk kasus mana/)).msg;
    const firstQuestion = (await worker.press(picker, /^Si \(42\)/, /Pertanyaan 1 dari/)).msg;
    const review = await answerNote(worker, firstQuestion);
    const summaryFrom = f.calls.length;
    const saved = await worker.press(review, '💾 Simpan', /Catatan sesi/);
    expect(textOf(saved.call)).toContain('✅ Catatan sesi Si (42) tersimpan (catatan ke-1).');

    // the supervisor receives the summary (an outbox job on BullMQ, on the cluster) …
    const summaryCall = await f.waitForCall((x) => sentTo(SUP, x) && /Catatan sesi baru dari Budi/.test(textOf(x)), { fromIndex: summaryFrom, timeoutMs: 15_000 });
    const summary = messageOf(sup, summaryCall);
    expect(summary.text).toContain('Si (42) · Zastrow · tahap 1/8');
    expect(buttons(summary).map((b) => b.text)).toEqual(['✅ Setujui', '💬 Beri tanggapan', '📄 Lihat lengkap']);

    // … and approves it: their update reads the worker's keys (another master) with their own and
    // writes the worker's review state as an effect; the worker is told
    const approvedFrom = f.calls.length;
    f.pressButton(SUP, summary.message_id, findButton(summary, '✅ Setujui').callback_data);
    const told = await f.waitForCall((x) => sentTo(WORKER, x) && /Rina menyetujui catatan Si \(42\)/.test(textOf(x)), { fromIndex: approvedFrom, timeoutMs: 15_000 });
    expect(textOf(told)).toMatch(/^✅ Rina menyetujui catatan Si \(42\)/);
    const until = Date.now() + WAIT_MS;
    let states: Record<string, string> = {};
    while (Object.values(states)[0] !== 'disetujui' && Date.now() < until) {
      states = await client!.hgetall(keys.reviewStates(WORKER));
      await sleep(20);
    }
    expect(Object.values(states)).toEqual(['disetujui']);

    // the keys really are spread: each master holds some of this test's keys
    for (const port of c.ports) {
      const found = await c.node(port, (r) => r.scan('0', 'MATCH', `${PREFIX}*`, 'COUNT', 10_000));
      expect(found[1].length, `keys on the master at ${port}`).toBeGreaterThan(0);
    }

    expect(await bot.stop('SIGTERM')).toEqual({ code: 0, signal: null });

    // no command crossed slots: not in the bot's log, not in any node's error counters
    expect(log.filter((l) => CROSS_SLOT.test(l))).toEqual([]);
    for (const port of c.ports) {
      const errors = await c.node(port, (r) => r.info('errorstats'));
      expect(errors, `errors counted by the master at ${port}`).not.toMatch(/errorstat_CROSSSLOT/);
    }
  }, 60_000);
});
