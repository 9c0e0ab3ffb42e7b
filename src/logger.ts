// Structured logs. Client data must never reach them: handlers log ids only, and these paths are
// redacted in case anything slips through.
import pino, { type Logger } from 'pino';

export const REDACT = [
  'text', '*.text', 'caption', '*.caption', 'answers', '*.answers', 'session', '*.session',
  'problem', '*.problem', 'initials', '*.initials', 'token', '*.token', 'botToken', '*.botToken',
  'dataKeys', '*.dataKeys', 'payload', '*.payload',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { app: 'pendamping' }, redact: { paths: REDACT, censor: '[redacted]' } }, destination);
}

/**
 * A logger call for errors that repeat while something is down (Redis reconnecting): the first of
 * a burst at warn, then at most one a minute, with how many were left out.
 */
export function throttledWarn(logger: Logger, msg: string, everyMs = 60_000): (fields: Record<string, unknown>) => void {
  let last = 0;
  let skipped = 0;
  return (fields) => {
    const now = Date.now();
    if (now - last < everyMs) {
      skipped++;
      return;
    }
    logger.warn({ ...fields, ...(skipped ? { repeated: skipped } : {}) }, msg);
    last = now;
    skipped = 0;
  };
}
