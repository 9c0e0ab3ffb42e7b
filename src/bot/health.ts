// GET /healthz for a container's health check in long-polling mode (webhook mode serves it on the
// webhook's port): 200 while Redis answers, 503 otherwise.
import { createServer, type Server } from 'node:http';

export async function startHealthServer(port: number, healthy: () => Promise<boolean>): Promise<Server> {
  const server = createServer((req, res) => {
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
