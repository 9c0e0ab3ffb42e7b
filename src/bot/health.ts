// GET /healthz for a container's health check in long-polling mode (webhook mode serves it on the
// webhook's port): 200 while Redis answers, 503 otherwise. A health check's request is a line of
// headers: a client holding a socket open longer gets 408 (src/http/serve.ts).
import { Hono } from 'hono';
import { serveHttp, type HttpServer } from '../http/serve.ts';

export async function startHealthServer(port: number, healthy: () => Promise<boolean>, requestTimeoutMs?: number, mounts: Hono[] = []): Promise<HttpServer> {
  const app = new Hono();
  app.get('/healthz', async (c) => {
    const ok = await healthy().catch(() => false);
    return c.json({ ok }, ok ? 200 : 503);
  });
  // the dashboard (a Mini App) at /app/, when this deployment serves one
  for (const sub of mounts) app.route('/', sub);
  app.notFound((c) => c.body(null, 404));
  return serveHttp(app, { port, hostname: '0.0.0.0', ...(requestTimeoutMs !== undefined ? { requestTimeoutMs } : {}) });
}
