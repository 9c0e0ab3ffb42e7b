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
