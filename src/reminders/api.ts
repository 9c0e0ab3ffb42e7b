// The Telegram client reminders send with: patient with 429s (a reminder waits out a flood limit
// rather than being dropped), unlike the bot's interactive replies, which give up sooner.
import { Api } from 'grammy';
import { autoRetry } from '@grammyjs/auto-retry';

/**
 * The client the send queue uses: a 429 is passed on at once, for the queue to turn into its rate
 * limit (src/reminders/workers.ts); network blips are retried a few times.
 */
export function createSendApi(token: string, apiRoot: string): Api {
  const api = new Api(token, { apiRoot });
  api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 0 }));
  return api;
}

/** For exports (their own queue, one job at a time): waits out a 429 rather than failing the report. */
export function createReminderApi(token: string, apiRoot: string): Api {
  const api = new Api(token, { apiRoot });
  api.config.use(autoRetry({ maxRetryAttempts: 10, maxDelaySeconds: 3600 }));
  return api;
}
