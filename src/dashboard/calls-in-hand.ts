// One user's dashboard calls in hand at most, on this instance: a flood is answered 429 at once
// (the page says "busy, try again") while everyone else's calls go on; a call ending frees its place.
import type { MiddlewareHandler } from 'hono';

export function callsInHand<V extends { session: { userId: number } }>(max: number): MiddlewareHandler<{ Variables: V }> {
  const inHand = new Map<number, number>();
  return async (c, next) => {
    const userId = c.get('session').userId;
    const busy = inHand.get(userId) ?? 0;
    if (busy >= max) return c.json({ error: 'busy' }, 429);
    inHand.set(userId, busy + 1);
    try {
      await next();
    } finally {
      const left = (inHand.get(userId) ?? 1) - 1;
      if (left > 0) inHand.set(userId, left);
      else inHand.delete(userId);
    }
  };
}
