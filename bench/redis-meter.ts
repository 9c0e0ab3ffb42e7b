// Counts what a bot asks of Redis: commands, round trips (a pipeline is one; a lone command is
// one), and bytes on the wire both ways, by wrapping each ioredis client's sendCommand. With
// `trace` on, every command is also kept with its keys (ids masked), to see what each update reads.
import type { Redis } from 'ioredis';

interface Command {
  name: string;
  args: unknown[];
}

export class RedisMeter {
  commands = 0;
  roundTrips = 0;
  trace: string[] | undefined;
  private readonly clients: Redis[] = [];
  private readonly pipelines = new WeakSet<object>();

  attach(client: Redis): Redis {
    this.clients.push(client);
    const original = client.sendCommand.bind(client);
    (client as unknown as { sendCommand: (c: Command, s?: { isPipeline?: boolean }) => unknown }).sendCommand = (command, stream) => {
      this.commands++;
      const pipelined = stream?.isPipeline === true;
      if (!pipelined) this.roundTrips++;
      else if (!this.pipelines.has(stream)) {
        this.pipelines.add(stream);
        this.roundTrips++;
      }
      if (this.trace) this.trace.push(describe(command, pipelined));
      return original(command as never, stream as never);
    };
    return client;
  }

  /** Bytes written to and read from Redis so far, over every attached client. */
  get bytes(): number {
    let n = 0;
    for (const c of this.clients) {
      const s = (c as unknown as { stream?: { bytesWritten?: number; bytesRead?: number } }).stream;
      n += (s?.bytesWritten ?? 0) + (s?.bytesRead ?? 0);
    }
    return n;
  }

  snapshot(): { commands: number; roundTrips: number; bytes: number } {
    return { commands: this.commands, roundTrips: this.roundTrips, bytes: this.bytes };
  }
}

const mask = (s: string) => s.replace(/\{u:\d+\}/g, '{u:<id>}').replace(/bc[0-9a-z]{8}/g, '<case>').replace(/\b\d{3,}\b/g, '<n>');

function describe(c: Command, pipelined: boolean): string {
  const args = c.args.map((a) => (Buffer.isBuffer(a) ? '<bytes>' : String(a)));
  let keys: string[];
  const name = c.name.toUpperCase();
  if (name === 'EVALSHA' || name === 'EVAL') {
    const n = Number(args[1]);
    keys = args.slice(2, 2 + n);
  } else if (name === 'HMGET' || name === 'HGET' || name === 'HSET' || name === 'HGETALL' || name === 'GET' || name === 'SET' || name === 'EXISTS' || name === 'SMEMBERS' || name === 'DEL' || name === 'LRANGE' || name === 'HSETNX') {
    keys = args.slice(0, 1);
  } else {
    keys = args.slice(0, 1);
  }
  return `${pipelined ? '│ ' : ''}${name} ${keys.map(mask).join(' ')}`;
}
