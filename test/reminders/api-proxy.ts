// A pass-through HTTP proxy between one worker process and the fake Bot API, so a test knows which
// process made a call and can hold a process's sendMessage in flight (then kill the process while
// it holds the job). A held request is never forwarded: the fake, like Telegram, never sees it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from '../support/fake-bot-api.ts';

export interface HeldRequest {
  method: string;
  payload: Record<string, unknown>;
  at: number;
  /** the worker hung up (it died) before an answer */
  abandoned: boolean;
}

export class ApiProxy {
  /** sendMessage requests that went through to the fake */
  forwarded = 0;
  readonly held: HeldRequest[] = [];
  private holding = false;
  private waiters: Array<(h: HeldRequest) => void> = [];

  private readonly server: Server;

  readonly url: string;


  private constructor(

    server: Server,

    url: string,

  ) {

    this.server = server;

    this.url = url;

  }

  static async start(target: string): Promise<ApiProxy> {
    let self: ApiProxy | undefined;
    const server = createServer((req, res) => {
      void (async () => {
        const body = await readBody(req);
        const method = (req.url ?? '').split('/').pop() ?? '';
        if (self?.holding && method.toLowerCase() === 'sendmessage') {
          let payload: Record<string, unknown> = {};
          try {
            payload = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
          } catch {
            // not JSON: keep the call, without its payload
          }
          const held: HeldRequest = { method, payload, at: Date.now(), abandoned: false };
          self.held.push(held);
          res.on('close', () => {
            held.abandoned = true;
          });
          for (const w of self.waiters.splice(0)) w(held);
          return; // never answered, never forwarded
        }
        if (method.toLowerCase() === 'sendmessage' && self) self.forwarded++;
        try {
          const answer = await fetch(`${target}${req.url ?? ''}`, {
            method: req.method ?? 'POST',
            headers: req.headers['content-type'] ? { 'content-type': req.headers['content-type'] } : {},
            ...(body.length > 0 ? { body } : {}),
          });
          const bytes = Buffer.from(await answer.arrayBuffer());
          res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': bytes.length });
          res.end(bytes);
        } catch {
          res.destroy();
        }
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as AddressInfo;
    self = new ApiProxy(server, `http://127.0.0.1:${port}`);
    return self;
  }

  /** From now on, sendMessage requests are held (until the worker dies or `release`). */
  holdSends(): Promise<HeldRequest> {
    this.holding = true;
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    this.holding = false;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
