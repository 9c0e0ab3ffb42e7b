// The bot process (`bot`) or the worker process (`worker`) as `npm start` and `npm run worker` run
// them, with the tests' reminder timing on top: TEST_REMINDER_EVERY_MS (reminders fire every N ms
// instead of weekly) and TEST_REMINDER_LOCK_MS (BullMQ's job lock and stalled-job check, so a killed
// worker's job comes back in seconds). Production's configuration (src/config.ts) has no such knob.
import { runBot, type ReminderTiming } from '../../src/app/bot-process.ts';
import { configOrExit } from '../../src/app/runtime.ts';
import { runWorker } from '../../src/app/worker-process.ts';

function ms(name: string, min: number): number | undefined {
  const raw = process.env[name];
  if (!raw) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number of ms, at least ${min}`);
  return n;
}

const timing: ReminderTiming = { everyMs: ms('TEST_REMINDER_EVERY_MS', 100), lockMs: ms('TEST_REMINDER_LOCK_MS', 500) };
const run = process.argv[2] === 'worker' ? runWorker : runBot;

configOrExit(process.env).then((config) => run(config, timing)).catch((err: unknown) => {
  process.stderr.write(`pendamping (test): ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
