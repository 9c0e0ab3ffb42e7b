// The update's logger names the update and the user on every line, and the redaction of
// src/logger.ts still applies.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { provideDeps } from '../../../src/bot/middleware/context.ts';
import type { BotContext, BotDeps } from '../../../src/bot/context.ts';
import { createLogger } from '../../../src/logger.ts';

function setup() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('debug', new Writable({ write(chunk, _enc, cb) { lines.push(JSON.parse(String(chunk))); cb(); } }));
  let children = 0;
  const child = logger.child.bind(logger);
  logger.child = ((...args: Parameters<typeof child>) => {
    children++;
    return child(...args);
  }) as typeof logger.child;
  const ctx = { update: { update_id: 77 }, from: { id: 1234 } } as unknown as BotContext;
  return { lines, logger, ctx, children: () => children, deps: { logger } as unknown as BotDeps };
}

describe('provideDeps', () => {
  it('gives the update one child logger, with updateId and userId on every line', async () => {
    const { lines, ctx, children, deps } = setup();
    await provideDeps(deps, () => '')(ctx, async () => {
      ctx.log.info({ caseId: 'c1' }, 'first');
      ctx.log.warn('second');
    });
    expect(children()).toBe(1);
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toMatchObject({ app: 'pendamping', updateId: 77, userId: 1234 });
    expect(lines[0]).toMatchObject({ caseId: 'c1', msg: 'first' });
  });

  it('keeps the redaction of client data', async () => {
    const { lines, ctx, deps } = setup();
    await provideDeps(deps, () => '')(ctx, async () => {
      ctx.log.info({ text: 'rahasia', payload: { answers: ['x'] } }, 'oops');
    });
    expect(JSON.stringify(lines)).not.toContain('rahasia');
    expect(lines[0]).toMatchObject({ text: '[redacted]', payload: '[redacted]', updateId: 77 });
  });

});
