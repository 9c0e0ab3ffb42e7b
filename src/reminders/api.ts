// The Telegram clients of the background senders, which differ in what a 429 ("retry after N s")
// does: the send queue hands it to its rate limit at once, an export waits it out. Both retry
// network blips; the bot's interactive replies use the bot's own client.
import { Api } from 'grammy';
import { autoRetry } from '@grammyjs/auto-retry';
import { protectContent } from '../telegram/protect-content.ts';

/**
 * The send queue's client (reminders, digests, the outbox): a 429 is passed on at once, for the
 * queue to turn into its rate limit across every worker process (src/reminders/workers.ts), so no
 * job sleeps while holding the queue; network blips are retried a few times.
 */
export function createSendQueueApi(token: string, apiRoot: string): Api {
  const api = new Api(token, { apiRoot });
  api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 0 }));
  api.config.use(protectContent());
  return api;
}

/** The export worker's client (its own queue, a report at a time): waits out a 429 rather than failing the report. */
export function createExportApi(token: string, apiRoot: string): Api {
  const api = new Api(token, { apiRoot });
  api.config.use(autoRetry({ maxRetryAttempts: 10, maxDelaySeconds: 3600 }));
  api.config.use(protectContent());
  return api;
}
