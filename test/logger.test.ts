// Log redaction at any depth: a client's words never reach a log line, however deep they sit in
// what was logged — nested objects, arrays, an error's own fields, a child logger's bindings —
// while errors still log their class, message, stack, and a Telegram error's method and code.
import { Writable } from 'node:stream';
import { GrammyError, HttpError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.ts';

const SECRET = 'Si (42) dipukul ayahnya';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const raw: string[] = [];
  const logger = createLogger('debug', new Writable({ write(chunk, _enc, cb) { raw.push(String(chunk)); lines.push(JSON.parse(String(chunk)) as Record<string, unknown>); cb(); } }));
  return { logger, lines, raw };
}

describe('log redaction', () => {
  it('redacts a sensitive name five levels deep and inside an array, keeping its neighbours', () => {
    const { logger, lines, raw } = capture();
    const input = { a: { b: { c: { d: { text: SECRET, caseId: 'c1' } } } }, list: [{ note: { text: SECRET } }, 7, [{ caption: SECRET }]] };
    logger.info(input, 'deep');
    expect(raw.join('')).not.toContain('dipukul');
    expect(lines[0]).toMatchObject({
      a: { b: { c: { d: { text: '[redacted]', caseId: 'c1' } } } },
      list: [{ note: { text: '[redacted]' } }, 7, [{ caption: '[redacted]' }]],
      msg: 'deep',
    });
    // the caller's object is not changed
    expect(input.a.b.c.d.text).toBe(SECRET);
  });

  it("keeps an error's class, message and stack, and redacts its own fields at any depth", () => {
    const { logger, lines, raw } = capture();
    const err = Object.assign(new Error('write failed'), { step: { answers: { q1: SECRET } }, userId: 5 });
    logger.error({ err }, 'update failed');
    const logged = lines[0]!['err'] as Record<string, unknown>;
    expect(logged['type']).toBe('Error');
    expect(logged['message']).toBe('write failed');
    expect(String(logged['stack'])).toMatch(/^Error: write failed\n\s+at /);
    expect(logged['step']).toEqual({ answers: '[redacted]' });
    expect(logged['userId']).toBe(5);
    expect(raw.join('')).not.toContain('dipukul');
    expect((err.step.answers as { q1: string }).q1).toBe(SECRET);
  });

  it("logs a Telegram error's method and code, never the message it carried", () => {
    const { logger, lines, raw } = capture();
    const err = new GrammyError("Call to 'sendMessage' failed!", { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' }, 'sendMessage', { chat_id: 5, text: SECRET });
    logger.warn({ err, nested: { err } }, 'send failed');
    const logged = lines[0]!['err'] as Record<string, unknown>;
    expect(logged).toMatchObject({ type: 'GrammyError', method: 'sendMessage', error_code: 403, payload: '[redacted]' });
    expect(String(logged['message'])).toContain("Call to 'sendMessage' failed!");
    expect(String(logged['stack'])).toContain('GrammyError');
    expect(raw.join('')).not.toContain('dipukul');
  });

  it('never logs the bot token that a network error carries in its message (the request\'s address)', () => {
    const { logger, lines, raw } = capture();
    const TOKEN = '123456789:AAE-secret_Token-from-BotFather';
    // what grammY's fetch (node-fetch) throws when Telegram cannot be reached, wrapped by grammY
    const fetchError = Object.assign(new Error(`request to https://api.telegram.org/bot${TOKEN}/getUpdates failed, reason: connect ECONNREFUSED`), { code: 'ECONNREFUSED' });
    const err = new HttpError("Network request for 'getUpdates' failed!", fetchError);
    const download = new TypeError('fetch failed', { cause: new Error(`GET http://127.0.0.1:8081/file/bot${TOKEN}/photos/file_1.jpg: socket hang up`) });
    logger.warn({ err, url: `http://localhost/bot${TOKEN}/getMe` }, 'Telegram could not be reached');
    logger.warn({ err: err.error }, 'the inner error alone');
    logger.warn({ err: download }, 'a download failed');
    expect(raw.join('')).not.toContain('secret_Token');
    const [wrapped, inner, failed] = lines.map((l) => l['err'] as Record<string, unknown>);
    expect(lines[0]!['url']).toBe('http://localhost/bot123456789:[redacted]/getMe');
    expect(wrapped).toMatchObject({ type: 'HttpError', error: { message: 'request to https://api.telegram.org/bot123456789:[redacted]/getUpdates failed, reason: connect ECONNREFUSED', code: 'ECONNREFUSED' } });
    expect(inner!['message']).toBe('request to https://api.telegram.org/bot123456789:[redacted]/getUpdates failed, reason: connect ECONNREFUSED');
    expect(String(inner!['stack'])).toMatch(/^Error: request to https:\/\/api\.telegram\.org\/bot123456789:\[redacted\]\/getUpdates/);
    // the cause's message is logged (pino appends it), its token redacted
    expect(failed!['message']).toBe('fetch failed: GET http://127.0.0.1:8081/file/bot123456789:[redacted]/photos/file_1.jpg: socket hang up');
    // the originals are not changed
    expect(fetchError.message).toContain(TOKEN);
  });

  it("redacts staff first names, but not an error's class name", () => {
    const { logger, lines } = capture();
    class StoreError extends Error {
      override readonly name = 'StoreError';
    }
    logger.info({ member: { name: 'Rina', role: 'supervisor' }, from: { id: 5, first_name: 'Budi' }, err: new StoreError('x') }, 'who');
    expect(lines[0]).toMatchObject({ member: { name: '[redacted]', role: 'supervisor' }, from: { id: 5, first_name: '[redacted]' }, err: { type: 'StoreError', name: 'StoreError' } });
  });

  it("redacts a child logger's bindings, and a grandchild's", () => {
    const { logger, lines, raw } = capture();
    const child = logger.child({ userId: 5, job: { data: { text: SECRET } } });
    child.child({ extra: [{ problem: SECRET }] }).info({ caseId: 'c1' }, 'job');
    expect(raw.join('')).not.toContain('dipukul');
    expect(lines[0]).toMatchObject({ userId: 5, job: { data: { text: '[redacted]' } }, extra: [{ problem: '[redacted]' }], caseId: 'c1' });
  });

  it('does not follow a cycle back to the unredacted original', () => {
    const { logger, raw } = capture();
    const a: Record<string, unknown> = { text: SECRET };
    a['self'] = a;
    logger.info({ a }, 'cycle');
    expect(raw.join('')).not.toContain('dipukul');
  });
});
