// The fuzz test's pieces (test/bot/fuzz.test.ts): a seeded PRNG, hostile texts, junk commands and
// button data, and the updates Telegram may deliver besides a plain private text — built as the
// Bot API would send them.
import type { FakeBotApi } from './fake-bot-api.ts';

/** mulberry32: a small, fast, seeded PRNG; the same seed gives the same run. */
export class Rng {
  private s: number;
  readonly seed: number;

  constructor(seed: number) {
    this.seed = seed;
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new Error('pick from an empty list');
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  /** One key, by weight. */
  weighted<K extends string>(weights: Record<K, number>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [k, w] of entries) {
      r -= w;
      if (r < 0) return k;
    }
    return entries.at(-1)![0];
  }
}

// ---------------------------------------------------------------------------
// Texts

const EMOJI = ['👨‍👩‍👧‍👦', '🏳️‍🌈', '👩🏽‍⚕️', '🧑‍🤝‍🧑', '❤️‍🔥', '🇮🇩', '1️⃣', '👍🏿', '🫠', '💥', '🙏', '😀', '🏴‍☠️', '👁️‍🗨️', '🧕🏾'];
const RTL = ['مرحبا بالعالم', 'שלום עולם', 'السلام عليكم ورحمة الله', 'עברית ‏(בדיקה)‏', '\u202Eterces\u202C', '\u2067עב\u2069 abc', 'ال٤٢ رقم'];
const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\uFEFF', '\u2060', '\u00AD', '\u180E', '\u3164'];
const HTMLISH = ['<b>', '</i>', '<img src=x onerror=alert(1)>', '&amp;', '&lt;', '&', '<', '>', '<<>>', '&#0;', '&#x1F4A5;', '<a href="javascript:alert(1)">x</a>', '<tg-spoiler>', '<pre><code class="language-x">', '"\'`', '<b>tebal</b>', '<i>miring', '</b></b>', '<script>alert(1)</script>', '<br/>', '&nbsp;'];
const CONTROL = ['\u0000', '\u0001', '\u0007', '\u0008', '\u000B', '\u000C', '\u001B[31m', '\u007F', '\r\n', '\r', '\t', '\u0085', '\u2028', '\u2029'];
const PLAIN = ['Klien hadir', 'hari ini', 'kemarin', '42', '-1', '0', '1e309', 'NaN', '٤٢', '４２', '12/3/2025', '31/02/2025', '99 Maret 2025', 'Senin', 'ya', 'tidak', 'Si', 'BZG', 'ÀÉ', 'ΣΩ', 'S1', 'Relasi dengan keluarga renggang', 'ok', '?', '...', '/', 'null', 'undefined', '{}', '[]', '%s%s%n', "'; DROP TABLE notes; --", '${7*7}', '{{7*7}}'];

/** One hostile piece of text. */
function piece(r: Rng): string {
  switch (r.int(0, 5)) {
    case 0: return r.pick(EMOJI);
    case 1: return r.pick(RTL);
    case 2: return r.pick(ZERO_WIDTH);
    case 3: return r.pick(HTMLISH);
    case 4: return r.pick(CONTROL);
    default: return r.pick(PLAIN);
  }
}

export type TextKind = 'oversized' | 'emoji' | 'rtl' | 'zero-width' | 'html' | 'control' | 'mixed' | 'only-invisible';

/** A hostile text of the given kind (never empty: Telegram delivers no empty text). */
export function hostileText(r: Rng, kind: TextKind): string {
  switch (kind) {
    case 'oversized': {
      const target = r.int(5000, 10000);
      const parts: string[] = [];
      let n = 0;
      while (n < target) {
        const p = r.chance(0.6) ? r.pick(PLAIN) + ' ' : piece(r);
        parts.push(p);
        n += p.length;
      }
      return parts.join('').slice(0, target);
    }
    case 'emoji': return Array.from({ length: r.int(1, 12) }, () => r.pick(EMOJI)).join(r.chance(0.5) ? '' : ' ');
    case 'rtl': return Array.from({ length: r.int(1, 4) }, () => r.pick(RTL)).join(' ') + (r.chance(0.3) ? ' 42' : '');
    case 'zero-width': return r.pick(PLAIN).split('').join(r.pick(ZERO_WIDTH));
    case 'html': return Array.from({ length: r.int(1, 5) }, () => r.pick(HTMLISH)).join(r.chance(0.5) ? '' : ' x ');
    case 'control': return `a${Array.from({ length: r.int(1, 5) }, () => r.pick(CONTROL)).join('b')}c`;
    case 'only-invisible': return Array.from({ length: r.int(1, 6) }, () => r.pick(ZERO_WIDTH.filter((z) => z !== '\u00AD'))).join('');
    case 'mixed': return Array.from({ length: r.int(2, 10) }, () => piece(r)).join(r.chance(0.5) ? ' ' : '');
  }
}

export const TEXT_KINDS: TextKind[] = ['oversized', 'emoji', 'rtl', 'zero-width', 'html', 'control', 'mixed', 'only-invisible'];

export const REAL_COMMANDS = ['/start', '/menu', '/bantuan', '/help', '/catat', '/kasus_baru', '/kasus', '/riwayat', '/laporan', '/ekspor', '/pengingat', '/lanjut', '/batal', '/lewati', '/kembali', '/panduan', '/lembaga', '/undang', '/audit', '/bahasa', '/keluar', '/note', '/cases', '/history', '/skip', '/back', '/cancel', '/guide'];

/** A command with junk arguments, an unknown command, or a command addressed oddly. */
export function junkCommand(r: Rng, ids: readonly string[]): string {
  const junkArg = (): string => r.pick([';;;', '../../', '💥', '<b>', '\u200B', "' OR 1=1 --", '%00', '-1', '99999999999999999999', hostileText(r, 'rtl'), hostileText(r, 'html'), hostileText(r, 'emoji'), 'a'.repeat(r.int(1, 300)), r.pick(ids)]);
  switch (r.int(0, 9)) {
    case 0: return `/catat ${junkArg()}`;
    case 1: return `/start ${r.pick(['../../', '', ' ', 'xxxx_yyyyyyyy', '_', 'abc', 'ABCD_EFGHIJKL', `${r.pick(ids)}_${r.pick(ids)}xxxxxxxx`])}`.trimEnd();
    case 2: return `/start ${randomAlnum(r, r.int(4, 16))}_${randomAlnum(r, r.int(8, 24))}`; // a well-formed invitation that does not exist
    case 3: return `/audit ${junkArg()}`;
    case 4: return r.pick(['/foo', '/FOO', '/x', '/catat@other_bot', '/catat@pendamping_test_bot', '/START', '/kasus_baru\u200B', '/_', '/123', '/🙂', '//', '/ catat', '/lembaga@pendamping_test_bot extra']);
    case 5: return `${r.pick(REAL_COMMANDS)} ${junkArg()}`;
    case 6: return `${r.pick(REAL_COMMANDS)}${r.pick(['', '@pendamping_test_bot'])} ${hostileText(r, 'oversized').slice(0, r.int(10, 4000))}`;
    case 7: return `/${randomAlnum(r, r.int(1, 32))}`;
    case 8: return `/start ${junkArg()}`;
    default: return `${r.pick(REAL_COMMANDS)}\n${junkArg()}`;
  }
}

function randomAlnum(r: Rng, n: number): string {
  const abc = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length: n }, () => abc[r.int(0, abc.length - 1)]).join('');
}

/** Callback data of at most 64 bytes (UTF-8), as Telegram would deliver. */
export function clampData(s: string): string {
  let out = s;
  while (Buffer.byteLength(out) > 64) out = Array.from(out).slice(0, -1).join('');
  return out === '' ? 'x' : out;
}

/** Random button data: random bytes, shapes of the real kinds with junk in them. */
export function randomData(r: Rng, ids: readonly string[], users: readonly number[]): string {
  const tags = ['m', 'f', 'cn', 'cs', 'cg', 'cp', 'k', 'h', 'hn', 'mv', 'st', 'cl', 'er', 'en', 'ro', 'l', 'dr', 'rz', 'rx', 'rm', 'rd', 'rh', 'rw', 'rp', 'rc', 'sa', 'sf', 'sv', 'ne', 'lv', 'o', 'lp', 'lk', 'll', 'xr'];
  const seg = (): string => r.pick([randomAlnum(r, r.int(0, 20)), String(r.int(0, 999)), String(r.int(-5, 5)), r.pick(ids), String(r.pick(users)), '', '💥', '..', 'NaN', '1e3', '999999999999999', r.pick(['c', 't', 'd', 'k', 's', 'b', 'g', 'e', 'r', 'v', 'x', 'y', 'n', 'home', 'new', 'note', 'resume', 'discard', 'id', 'en', 'wib'])]);
  switch (r.int(0, 3)) {
    case 0: {
      // random bytes, as a (lossy) string
      const bytes = Buffer.from(Array.from({ length: r.int(1, 64) }, () => r.int(0, 255)));
      return clampData(bytes.toString('utf8'));
    }
    case 1: return clampData(Array.from({ length: r.int(1, 6) }, seg).join(':'));
    case 2: return clampData([r.pick(tags), ...Array.from({ length: r.int(0, 5) }, seg)].join(':'));
    default: return clampData(r.pick([':', '::::', 'f', 'f:', 'o:', 'sa:', `sa:${r.pick(users)}`, hostileText(r, 'emoji'), hostileText(r, 'rtl'), hostileText(r, 'html'), hostileText(r, 'zero-width')]));
  }
}

/** Real data cut short. */
export function truncated(r: Rng, data: string): string {
  const chars = Array.from(data);
  return clampData(chars.slice(0, r.int(1, Math.max(1, chars.length - 1))).join(''));
}

/** Real data with its ids, numbers and users swapped for others (another user's case, note…). */
export function swapped(r: Rng, data: string, ids: readonly string[], users: readonly number[]): string {
  const parts = data.split(':');
  let changed = false;
  const out = parts.map((p, i) => {
    if (i === 0) return p;
    if (/^\d{4,15}$/.test(p) && r.chance(0.7)) { changed = true; return String(r.pick(users)); }
    if (/^[a-z0-9]{4,16}$/.test(p) && r.chance(0.7)) { changed = true; return r.pick(ids); }
    if (/^\d{1,3}$/.test(p) && r.chance(0.4)) { changed = true; return String(r.pick([0, 1, 2, 7, 8, 12, 99, 255, 999])); }
    return p;
  });
  if (!changed && out.length > 1) out[r.int(1, out.length - 1)] = r.pick(ids);
  return clampData(out.join(':'));
}

// ---------------------------------------------------------------------------
// Updates other than a private text

export interface Person {
  id: number;
  firstName: string;
}

export const GROUP_CHAT = { id: -1001234567890, type: 'supergroup', title: 'Grup Peksos' } as const;
export const CHANNEL = { id: -1009876543210, type: 'channel', title: 'Kanal Lembaga' } as const;

/** Builds updates and pushes them through the fake (which numbers them, as Telegram would). */
export class Updates {
  private messageId = 900_000;
  private seq = 0;
  private readonly fake: FakeBotApi;

  constructor(fake: FakeBotApi) {
    this.fake = fake;
  }

  private from(p: Person) {
    return { id: p.id, is_bot: false, first_name: p.firstName, language_code: 'id' };
  }

  private base(p: Person, chat: Record<string, unknown> = { id: p.id, type: 'private', first_name: p.firstName }) {
    return { message_id: ++this.messageId, from: this.from(p), chat, date: Math.floor(Date.now() / 1000) };
  }

  private push(u: Record<string, unknown>): Record<string, unknown> {
    return this.fake.pushUpdate(u);
  }

  /** A private message with this content (location, contact, poll…). */
  message(p: Person, content: Record<string, unknown>): Record<string, unknown> {
    return this.push({ message: { ...this.base(p), ...content } });
  }

  media(r: Rng, p: Person): { kind: string; content: Record<string, unknown> } {
    const id = `fuzz-${++this.seq}`;
    const file = { file_id: id, file_unique_id: `u-${id}` };
    const kinds: Array<[string, () => Record<string, unknown>]> = [
      ['location', () => ({ location: { latitude: -6.9 + r.next(), longitude: 107.6 + r.next() } })],
      ['live-location', () => ({ location: { latitude: 91, longitude: -181, live_period: 900, heading: 400 } })],
      ['venue', () => ({ location: { latitude: -6.9, longitude: 107.6 }, venue: { location: { latitude: -6.9, longitude: 107.6 }, title: hostileText(r, 'html'), address: hostileText(r, 'rtl') } })],
      ['contact', () => ({ contact: { phone_number: r.pick(['+6281234567890', '💥', '', '<b>1</b>']), first_name: hostileText(r, 'emoji'), ...(r.chance(0.5) ? { user_id: r.int(1, 9e9) } : {}) } })],
      ['poll', () => ({ poll: { id, question: hostileText(r, 'mixed').slice(0, 300), options: [{ text: 'a', voter_count: 0 }, { text: hostileText(r, 'emoji'), voter_count: 0 }], total_voter_count: 0, is_closed: false, is_anonymous: true, type: 'regular', allows_multiple_answers: false } })],
      ['dice', () => ({ dice: { emoji: '🎲', value: r.int(1, 6) } })],
      ['document', () => ({ document: { ...file, file_name: r.pick(['laporan.pdf', '../../etc/passwd', '<b>.exe', hostileText(r, 'rtl') + '.docx']), mime_type: 'application/pdf', file_size: r.int(1, 20_000_000) }, ...(r.chance(0.3) ? { caption: hostileText(r, r.pick(TEXT_KINDS)).slice(0, 1024) } : {}) })],
      ['animation', () => ({ animation: { ...file, width: 320, height: 240, duration: 3 }, document: { ...file, mime_type: 'video/mp4' } })],
      ['video-note', () => ({ video_note: { ...file, length: 240, duration: 5 } })],
      ['video', () => ({ video: { ...file, width: 640, height: 480, duration: r.int(0, 100000) } })],
      ['audio', () => ({ audio: { ...file, duration: r.int(0, 5000), title: hostileText(r, 'emoji') } })],
      ['game', () => ({ game: { title: 'x', description: 'y', photo: [] } })],
      ['new-chat-title', () => ({ new_chat_title: 'x' })],
      ['story', () => ({ story: { chat: { id: p.id, type: 'private' }, id: 1 } })],
      ['album-photo', () => ({ photo: [{ ...file, width: 90, height: 90 }], media_group_id: `mg-${this.seq >> 1}` })],
    ];
    const [kind, make] = r.pick(kinds);
    return { kind, content: make() };
  }

  edited(p: Person, text: string): Record<string, unknown> {
    return this.push({ edited_message: { ...this.base(p), text, edit_date: Math.floor(Date.now() / 1000) } });
  }

  group(p: Person, text: string): Record<string, unknown> {
    const entities = text.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: (/^\/\S+/.exec(text)?.[0] ?? '/').length }] : undefined;
    return this.push({ message: { ...this.base(p, { ...GROUP_CHAT }), text, ...(entities ? { entities } : {}) } });
  }

  /** A message in the group from an anonymous admin (sender_chat, Telegram's GroupAnonymousBot). */
  anonymousGroup(text: string): Record<string, unknown> {
    return this.push({ message: { message_id: ++this.messageId, from: { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' }, sender_chat: { ...GROUP_CHAT }, chat: { ...GROUP_CHAT }, date: Math.floor(Date.now() / 1000), text } });
  }

  channelPost(text: string, edited = false): Record<string, unknown> {
    const post = { message_id: ++this.messageId, sender_chat: { ...CHANNEL }, chat: { ...CHANNEL }, date: Math.floor(Date.now() / 1000), text };
    return this.push(edited ? { edited_channel_post: { ...post, edit_date: post.date } } : { channel_post: post });
  }

  /** my_chat_member, chat_member, inline_query and updates this bot never asked for (or that do not exist). */
  other(r: Rng, p: Person): { kind: string; update: Record<string, unknown> } {
    const date = Math.floor(Date.now() / 1000);
    const bot = { id: 999000, is_bot: true, first_name: 'Pendamping', username: 'pendamping_test_bot' };
    const privateChat = { id: p.id, type: 'private', first_name: p.firstName };
    const kinds: Array<[string, () => Record<string, unknown>]> = [
      ['my_chat_member-private', () => ({ my_chat_member: { chat: privateChat, from: this.from(p), date, old_chat_member: { user: bot, status: 'member' }, new_chat_member: { user: bot, status: r.pick(['kicked', 'member']), until_date: 0 } } })],
      ['my_chat_member-group', () => ({ my_chat_member: { chat: { ...GROUP_CHAT }, from: this.from(p), date, old_chat_member: { user: bot, status: 'left' }, new_chat_member: { user: bot, status: 'member' } } })],
      ['chat_member', () => ({ chat_member: { chat: { ...GROUP_CHAT }, from: this.from(p), date, old_chat_member: { user: this.from(p), status: 'left' }, new_chat_member: { user: this.from(p), status: 'member' } } })],
      ['inline_query', () => ({ inline_query: { id: `iq${++this.seq}`, from: this.from(p), query: hostileText(r, r.pick(TEXT_KINDS)).slice(0, 256), offset: '' } })],
      ['chosen_inline_result', () => ({ chosen_inline_result: { result_id: '1', from: this.from(p), query: 'x' } })],
      ['poll_answer', () => ({ poll_answer: { poll_id: 'p1', user: this.from(p), option_ids: [0] } })],
      ['message_reaction', () => ({ message_reaction: { chat: privateChat, message_id: r.int(1, 50), user: this.from(p), date, old_reaction: [], new_reaction: [{ type: 'emoji', emoji: '👍' }] } })],
      ['chat_join_request', () => ({ chat_join_request: { chat: { ...GROUP_CHAT }, from: this.from(p), user_chat_id: p.id, date } })],
      ['callback-game', () => ({ callback_query: { id: `${p.id}g${++this.seq}`, from: this.from(p), chat_instance: '1', game_short_name: 'g', message: { message_id: 1, date, chat: privateChat, from: bot } } })],
      ['unknown-type', () => ({ [r.pick(['business_message', 'purchased_paid_media', 'foo_bar', 'deleted_business_messages', 'removed_chat_boost'])]: { x: 1, from: this.from(p) } })],
      ['empty-update', () => ({})],
    ];
    const [kind, make] = r.pick(kinds);
    return { kind, update: this.push(make()) };
  }
}
