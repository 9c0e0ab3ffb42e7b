// GET /healthz for a container's health check in long-polling mode (webhook mode serves it on the
// webhook's port): 200 while Redis answers, 503 otherwise.
import { createServer, type Server } from 'node:http';

/** A health check's request is a line of headers: a client holding a socket open longer gets 408. */
const REQUEST_TIMEOUT_MS = 10_000;

export async function startHealthServer(port: number, healthy: () => Promise<boolean>, requestTimeoutMs = REQUEST_TIMEOUT_MS): Promise<Server> {
  const bound = { requestTimeout: requestTimeoutMs, headersTimeout: requestTimeoutMs, connectionsCheckingInterval: Math.min(1_000, Math.max(10, requestTimeoutMs / 4)) };
  const server = createServer(bound, (req, res) => {
    if (req.method !== 'GET' || req.url !== '/healthz') return void res.writeHead(404).end();
    healthy()
      .catch(() => false)
      .then((ok) => res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ ok })));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', resolve);
  });
  return server;
}
