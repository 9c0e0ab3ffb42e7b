// One worker process's own port onto the fake Bot API (FakeBotApi.listen: the same simulator, the
// calls marked with the port's name), so a test knows which process made a call and can hold a
// process's sendMessage in flight, then kill the process while it holds the job. A held call whose
// process dies is never answered and never reaches the chats: Telegram never got it.
import type { FakeBotApi, HeldCall, Hold } from '../support/fake-bot-api.ts';

export class ApiProxy {
  readonly url: string;
  private readonly fake: FakeBotApi;
  private readonly name: string;
  private hold: Hold | undefined;

  private constructor(fake: FakeBotApi, name: string, url: string) {
    this.fake = fake;
    this.name = name;
    this.url = url;
  }

  static async start(fake: FakeBotApi, name: string): Promise<ApiProxy> {
    return new ApiProxy(fake, name, await fake.listen(name));
  }

  /** sendMessage calls through this port that were answered (a held call whose process died never is) */
  get forwarded(): number {
    return this.fake.calls.filter((c) => c.via === this.name && c.method.toLowerCase() === 'sendmessage' && c.response !== undefined).length;
  }

  /** sendMessage calls through this port that reached the fake, for this chat */
  sentTo(chatId: number): number {
    return this.fake.calls.filter((c) => c.via === this.name && c.method.toLowerCase() === 'sendmessage' && c.response?.ok === true && Number(c.payload['chat_id']) === chatId).length;
  }

  /** From now on, this port's sendMessage calls are held (until the process dies or `release`); resolves with the first. */
  holdSends(): Promise<HeldCall> {
    this.hold = this.fake.holdWhile((req) => req.via === this.name && req.method.toLowerCase() === 'sendmessage');
    return this.hold.first;
  }

  /** Holds no more of this port's calls. Those held stay unanswered: a dead process's never reach the chats. */
  release(): void {
    this.hold?.stop();
    this.hold = undefined;
  }
}
