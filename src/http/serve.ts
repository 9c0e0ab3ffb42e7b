// Every HTTP server here — the webhook, the health check, the playground's page and its Bot API — is
// a Hono app served by @hono/node-server through this file, so the bounds of a request are set in one
// place: its headers and body must arrive within `requestTimeoutMs` (Node answers 408 and closes the
// connection: a client that trickles cannot hold a socket), and a route's body over its limit is
// refused with 413 (`limitBody`) before the rest is read. What a handler then takes is not bounded
// here: the webhook answers only after the update's write.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type HttpBindings } from '@hono/node-server';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

export type { HttpBindings };
/** A Hono app whose handlers may reach Node's request and response (`c.env.incoming`, `c.env.outgoing`). */
export type NodeApp = Hono<{ Bindings: HttpBindings }>;

/** Headers and body of a request must be in within this, unless a server says otherwise. */
const REQUEST_TIMEOUT_MS = 10_000;

export interface ServeOptions {
  /** 0: any free port */
  port: number;
  /** default: every interface */
  hostname?: string;
  requestTimeoutMs?: number;
}

export interface HttpServer {
  /** the port listened on (the given one, or the one chosen for port 0) */
  port: number;
  server: Server;
  /** stops taking connections; requests in hand go on */
  stopAccepting(): void;
  /** stops taking connections and cuts every open one (idle keep-alive sockets included) */
  close(): Promise<void>;
}

export async function serveHttp(app: { fetch: NodeApp['fetch'] }, opts: ServeOptions): Promise<HttpServer> {
  const requestTimeout = opts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const server = serve({
    fetch: app.fetch,
    port: opts.port,
    ...(opts.hostname !== undefined ? { hostname: opts.hostname } : {}),
    // Node checks the bound every connectionsCheckingInterval: a short bound (tests) is checked often
    serverOptions: { requestTimeout, headersTimeout: requestTimeout, connectionsCheckingInterval: Math.min(1_000, Math.max(10, requestTimeout / 4)) },
  }) as Server;
  await new Promise<void>((resolve, reject) => {
    if (server.listening) return resolve();
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    server,
    stopAccepting: () => {
      if (server.listening) server.close();
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (server.listening) server.close(() => resolve());
        else resolve();
        // keep-alive clients (grammY's agent, a browser) would otherwise hold close() open
        server.closeAllConnections();
      }),
  };
}

/**
 * Refuses a body over `maxBytes` with 413: at once when Content-Length says so, or as soon as a
 * chunked body passes it. The connection is then closed rather than the rest read.
 */
export function limitBody(maxBytes: number, onRefused?: (c: Context) => void): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => {
      onRefused?.(c);
      return c.body(null, 413, { connection: 'close' });
    },
  });
}
