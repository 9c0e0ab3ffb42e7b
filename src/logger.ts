// Structured logs. Client data must never reach them: handlers log ids only, and the values of
// these names are redacted, at any depth, in case anything slips through.
import pino, { type Logger } from 'pino';

/**
 * Names whose values are never logged, wherever they sit: in the logged object, nested in objects
 * and arrays, in an error's own fields (a GrammyError's `payload` holds the message sent) and its
 * cause, in a child logger's bindings. Staff first names (`name` of a member, Telegram's `first_name`) are
 * personal data too; an error's own `name` (its class) is not.
 */
const REDACT = [
  'text', 'caption', 'answers', 'session', 'problem', 'initials', 'token', 'botToken', 'dataKeys', 'payload', 'password',
  'name', 'firstName', 'first_name', 'last_name', 'username',
] as const;

const SENSITIVE: ReadonlySet<string> = new Set(REDACT);
const CENSOR = '[redacted]';
/**
 * The bot token in a Bot API address ("…/bot123:AAE…/getUpdates", "…/file/bot123:AAE…/photo.jpg"):
 * grammY's fetch (node-fetch) puts the request's address in its errors' messages ("request to … failed").
 */
const TOKEN_IN_URL = /\bbot(\d+):[\w-]+/g;
/** An error's own fields that are not enumerable (Object.keys leaves them out), searched too. */
const ERROR_TEXT = ['message', 'stack', 'cause'] as const;
/** Deeper than any object a log call means to carry; past it the value is dropped, not searched. */
const MAX_DEPTH = 20;

/** A copy of an error with its class, message and stack (non-enumerable own fields) kept. */
function copyError(e: Error): Record<string, unknown> {
  const copy: Record<string, unknown> = Object.create(Object.getPrototypeOf(e) as object, Object.getOwnPropertyDescriptors(e));
  // V8 (Node 24) keeps `stack` as an own accessor that reads the original's internal state: on a
  // copy it reads nothing, so the copy gets the text itself
  Object.defineProperty(copy, 'stack', { value: e.stack, writable: true, enumerable: false, configurable: true });
  return copy;
}

function setField(target: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty: a copied field may be read-only
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * `value` with the value of every sensitive name replaced, at any depth. Copy on write: an object
 * with nothing to redact is returned as it is (the usual case: a log call of ids costs a walk of
 * its few fields and no allocation). Errors stay errors (pino's serializer still finds their class,
 * message, stack, and a Telegram error's method and code); a cycle becomes "[Circular]" here, since
 * pino would otherwise follow the original past the copy.
 */
function redactDeep(value: unknown, ancestors: object[] = []): unknown {
  if (typeof value === 'string') return value.includes('bot') ? value.replace(TOKEN_IN_URL, `bot$1:${CENSOR}`) : value;
  if (value === null || typeof value !== 'object') return value;
  if (ancestors.includes(value)) return '[Circular]';
  if (ancestors.length >= MAX_DEPTH) return '[too deep]';
  const isError = value instanceof Error;
  // Date, Buffer, …: written through their toJSON, not their fields
  if (!isError && typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  ancestors.push(value);
  try {
    if (Array.isArray(value)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        const clean = redactDeep(item, ancestors);
        if (clean !== item) (out ??= value.slice())[i] = clean;
      }
      return out ?? value;
    }
    const obj = value as Record<string, unknown>;
    let out: Record<string, unknown> | undefined;
    for (const key of Object.keys(obj)) {
      const item = obj[key];
      const sensitive = SENSITIVE.has(key) && item !== undefined && !(isError && key === 'name');
      const clean = sensitive ? CENSOR : redactDeep(item, ancestors);
      if (clean !== item) setField((out ??= isError ? copyError(value as Error) : { ...obj }), key, clean);
    }
    if (isError) {
      for (const key of ERROR_TEXT) {
        if (!Object.hasOwn(obj, key) || Object.keys(obj).includes(key)) continue;
        const item = obj[key];
        const clean = redactDeep(item, ancestors);
        if (clean !== item) Object.defineProperty((out ??= copyError(value as Error)), key, { value: clean, enumerable: false, writable: true, configurable: true });
      }
    }
    return out ?? value;
  } finally {
    ancestors.pop();
  }
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const logger = pino(
    { level, base: { app: 'pendamping' }, formatters: { log: (obj) => redactDeep(obj) as Record<string, unknown> } },
    destination,
  );
  // A child's bindings are written once, at child(), past formatters.log: redacted there. Children
  // inherit this method (pino makes them with Object.create), so grandchildren are covered too.
  const child = logger.child;
  logger.child = function (this: Logger, bindings, options) {
    return child.call(this, redactDeep(bindings) as typeof bindings, options);
  } as typeof logger.child;
  return logger;
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
