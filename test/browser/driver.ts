// Drives `npm run playground` as a visitor would: the process started as a child, its page in
// headless Chromium (Debian's, through playwright-core). Chats are followed through the page's DOM
// only, and every wait is for what appears there, since replies may arrive a moment later.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, copyFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { freePort } from '../../src/store/local-redis.ts';
import { deletePrefix } from '../support/redis.ts';
import { TS_RUNNER } from '../support/ts-runner.ts';

// Code passed to page.evaluate runs in the browser; the project's own types have no DOM.
declare const document: any;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const OUTPUT = path.join(ROOT, 'test/browser/output');
const DOCS = path.join(ROOT, 'docs/screens');
export const CHROMIUM = '/usr/bin/chromium';

export interface PlaygroundProc {
  url: string;
  apiRoot: string;
  startupMs: number;
  log: string[];
  stop(): Promise<void>;
}

export async function startPlayground(): Promise<PlaygroundProc> {
  const port = await freePort();
  const prefix = `pg-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}:`;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'pendamping-playground-'));
  const started = Date.now();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), PLAYGROUND_PREFIX: prefix, PLAYGROUND_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  const child: ChildProcess = spawn(process.execPath, [...TS_RUNNER, 'src/playground/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  let apiRoot = '';
  const ready = new Promise<string>((resolve, reject) => {
    const onLine = (chunk: Buffer) => {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        log.push(line);
        const m = /^Pendamping playground: (\S+)/.exec(line);
        if (m) resolve(m[1]!);
        const api = /"apiRoot":"([^"]+)"/.exec(line);
        if (api) apiRoot = api[1]!;
      }
    };
    child.stdout!.on('data', onLine);
    child.stderr!.on('data', onLine);
    child.once('exit', (code) => reject(new Error(`playground exited (${code}):\n${log.join('\n')}`)));
    setTimeout(() => reject(new Error(`playground did not start:\n${log.join('\n')}`)), 30_000);
  });
  const printed = await ready;
  const startupMs = Date.now() - started;
  return {
    // the printed address, on the loopback address it listens on
    url: printed.replace('localhost', '127.0.0.1'),
    // pino's line and the printed address may reach the pipe in either order
    get apiRoot() {
      return apiRoot;
    },
    startupMs,
    log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      const url = process.env.REDIS_URL;
      if (url) {
        const redis = new Redis(url);
        await deletePrefix(redis, prefix);
        redis.disconnect();
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/** Saves a screenshot under test/browser/output/, and under docs/screens/ for `npm run docs:screens`. */
/** What a test watches of every page it opens (a page's events include its frames'): each request,
 *  dialog, uncaught error and Content-Security-Policy violation. */
export interface Watched {
  requests: string[];
  dialogs: string[];
  pageErrors: string[];
  cspViolations: string[];
}

export function watching(): Watched {
  return { requests: [], dialogs: [], pageErrors: [], cspViolations: [] };
}

/** A user's phone in the playground, in a browser context of its own (`wide`: the chat and a Mini
 *  App side by side), once its first bot message shows. */
export async function openPhone(browser: Browser, pg: PlaygroundProc, user: number, watched: Watched, wide = false): Promise<{ context: BrowserContext; page: Page; phone: Phone }> {
  const context = await browser.newContext({ viewport: wide ? { width: 1280, height: 800 } : { width: 390, height: 760 }, locale: 'id-ID' });
  const page = await context.newPage();
  page.on('request', (r) => watched.requests.push(r.url()));
  page.on('dialog', (d) => {
    watched.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => watched.pageErrors.push(`${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) watched.cspViolations.push(m.text());
  });
  await page.goto(`${pg.url}/?user=${user}&lang=id`);
  await page.locator('.msg.bot').first().waitFor();
  return { context, page, phone: new Phone(page) };
}

export async function shot(page: Page, name: string): Promise<void> {
  await mkdir(OUTPUT, { recursive: true });
  const file = path.join(OUTPUT, `${name}.png`);
  await page.mouse.move(0, 0); // no button left highlighted under the pointer of the last click
  await page.screenshot({ path: file });
  if (process.env.PLAYGROUND_DOCS) {
    await mkdir(DOCS, { recursive: true });
    await copyFile(file, path.join(DOCS, `${name}.png`));
  }
}

export interface Seen {
  id: number;
  text: string;
  buttons: string[];
}

/** One phone of the page, showing one user's chat. */
export class Phone {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  private rev(): Promise<number> {
    return this.page.evaluate(() => Number((document.querySelector('.phone') as any).dataset['rev'] ?? 0));
  }

  /** Does something, then waits until the chat changed and has been still for a moment. */
  async act(fn: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
    const before = await this.rev();
    await fn();
    await this.page.waitForFunction((r) => Number((document.querySelector('.phone') as any).dataset['rev'] ?? 0) > r, before, { timeout: timeoutMs });
    let last = await this.rev();
    for (;;) {
      await this.page.waitForTimeout(250);
      const now = await this.rev();
      if (now === last) return;
      last = now;
    }
  }

  say(text: string): Promise<void> {
    return this.act(async () => {
      await this.page.fill('.composer .input', text);
      await this.page.press('.composer .input', 'Enter');
    });
  }

  /** Presses the button whose text contains `label`, on the newest bot message that has one. */
  async tap(label: string | RegExp): Promise<void> {
    const buttons = this.page.locator('.msg.bot .kb-btn', { hasText: label });
    await buttons.last().waitFor({ timeout: 10_000 });
    await this.act(() => buttons.last().click());
  }

  async bot(): Promise<Seen[]> {
    return this.page.$$eval('.msg.bot', (rows) =>
      rows.map((r) => ({
        id: Number((r as any).dataset['id']),
        text: (r.querySelector('.text') as any)?.innerText ?? '',
        buttons: [...r.querySelectorAll('.kb-btn')].map((b) => (b as any).innerText),
      })),
    );
  }

  async waitFor(match: RegExp, timeoutMs = 15_000): Promise<void> {
    await this.page.waitForFunction(
      ([src, flags]) => [...document.querySelectorAll('.msg.bot .text')].some((t) => new RegExp(src!, flags).test((t as any).innerText)),
      [match.source, match.flags],
      { timeout: timeoutMs },
    );
  }
}

const NAV = /Kembali|Back|Lewati|Skip|Tetap|Keep|Panduan|Guide|Batal|Cancel|✏️/;
// the total may be an estimate: "Pertanyaan 2 dari ± 8"
const POSITION = /(?:Pertanyaan|Question) (\d+) (?:dari|of) (?:± )?(\d+)/;

/**
 * Answers whatever the bot asks, generically (the flows' questions change): Simpan when offered,
 * the first option of a choice, an option then Selesai for a multi, Lewati for a photo or voice
 * question, else typed answers tried in turn until one is accepted. Stops at `done`.
 */
export async function answerUntil(phone: Phone, done: RegExp, typed: Array<[RegExp, string]> = [], maxSteps = 60): Promise<number> {
  const fallback = ['hari ini', '3', 'Si', 'Catatan sesi'];
  let attempt = 0;
  let lastPosition = '';
  const from = Math.max(0, ...(await phone.bot()).map((m) => m.id));
  for (let step = 0; step < maxSteps; step++) {
    const seen = await phone.bot();
    if (seen.some((m) => m.id > from && done.test(m.text))) return step;
    const question = seen.at(-1)!;
    // the question being answered: the latest "Pertanyaan N dari M" (a hint after a refused answer has none)
    const asked = [...seen].reverse().slice(0, 3).find((m) => POSITION.test(m.text));
    const position = asked ? `${asked.id}:${POSITION.exec(asked.text)![0]}` : question.text.slice(0, 60);
    if (position !== lastPosition) attempt = 0;
    lastPosition = position;
    const save = question.buttons.find((b) => /Simpan|Save/.test(b));
    const doneBtn = question.buttons.find((b) => /Selesai|Done/.test(b));
    const options = question.buttons.filter((b) => !NAV.test(b) && b !== save && b !== doneBtn);
    if (save) await phone.tap(save);
    else if (doneBtn) await phone.tap(question.buttons.some((b) => b.startsWith('✅')) ? doneBtn : options[0]!);
    else if (options.length > 0) await phone.tap(options[0]!);
    else if (/foto|photo|suara|voice|dokumen|document/i.test(question.text) && question.buttons.some((b) => /Lewati|Skip/.test(b))) await phone.tap(/Lewati|Skip/);
    else {
      const hinted = typed.find(([re]) => re.test((asked ?? question).text))?.[1];
      const candidates = hinted ? [hinted, ...fallback] : fallback;
      if (attempt >= candidates.length) throw new Error(`no typed answer accepted for: ${question.text}`);
      await phone.say(candidates[attempt++]!);
    }
  }
  throw new Error(`not done after ${maxSteps} steps; last: ${JSON.stringify((await phone.bot()).at(-1))}`);
}

/**
 * Presses the page's ⏩ (time travel to the next reminder) and waits until the playground has
 * travelled: its answer, then the notice it shows ("⏩ Waktu playground kini …", or that nothing
 * was scheduled). A notice of an earlier jump may still be showing: the answer is waited for first.
 */
export async function travel(page: Page, timeoutMs = 90_000): Promise<void> {
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/travel', { timeout: timeoutMs });
  await page.click('#travel', { timeout: timeoutMs });
  const res = await answered;
  if (!res.ok()) throw new Error(`time travel refused: ${res.status()} ${await res.text()}`);
  await page.locator('#notice', { hasText: /Waktu playground kini|Playground time is now|Belum ada|No reminder/ }).waitFor({ timeout: 10_000 });
}
