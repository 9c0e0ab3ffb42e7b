// The Telegram client reminders send with: patient with 429s (a reminder waits out a flood limit
// rather than being dropped), unlike the bot's interactive replies, which give up sooner.
import { Api } from 'grammy';
import { autoRetry } from '@grammyjs/auto-retry';

export function createReminderApi(token: string, apiRoot: string): Api {
  const api = new Api(token, { apiRoot });
  api.config.use(autoRetry({ maxRetryAttempts: 10, maxDelaySeconds: 3600 }));
  return api;
}
