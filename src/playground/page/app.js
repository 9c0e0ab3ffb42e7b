// The playground page: one or two phones showing the chats of the seeded users with the real bot.
// Messages come from the server as events (src/playground/web.ts); nothing here is fetched from
// anywhere but this server. Bot HTML is rebuilt element by element from Telegram's tag list, so
// text from a message can never become a script or an image. A Mini App (the chat's menu button, a
// web_app button) opens beside its phone, as in Telegram Desktop: an iframe of this server's /app/.
'use strict';

const TEXT = {
  id: {
    travel: '⏩ Pengingat berikutnya', reset: '↺ Reset', split1: '👥 Dua layar', split2: '👤 Satu layar',
    placeholder: 'Pesan', attach: 'Kirim foto, pesan suara, atau berkas model (.yaml, sebagai admin) dari komputer', typing: 'mengetik…', bot: 'bot',
    edited: 'diedit', busy: { seeding: 'Menyiapkan lembaga contoh…', resetting: 'Mengosongkan playground…', travelling: 'Memajukan waktu…' },
    travelled: (when, n) => `⏩ Waktu playground kini ${when}: ${n} pesan terkirim.`,
    nothing: 'Belum ada pengingat atau ringkasan terjadwal. Buat kasus dulu dengan /kasus_baru.',
    photo: '📷 Foto', voice: '🎤 Pesan suara', download: 'Unduh', ok: 'OK', openAs: 'Buka tautan ini sebagai:', close: 'Tutup',
    roles: { admin: 'Admin', supervisor: 'Supervisor', worker: 'Pekerja' },
    about: (s) => `<p><b>Playground Pendamping</b>: bot yang sebenarnya (alur, mesin, penyimpanan Redis, pengingat),
      tanpa token dan tanpa Telegram. Lembaga <b>${esc(s.org)}</b> sudah dibuat, dengan:</p><ul>${users(s)}</ul>
      <p>Coba sebagai Budi: <code>/kasus_baru</code>, lalu <code>/catat</code>. Ringkasan catatan sampai ke Rina.
      <b>⏩ Pengingat berikutnya</b> memajukan jam playground sampai pengingat mingguan atau ringkasan mingguan
      berikutnya dan mengirimnya. <b>↺ Reset</b> menghapus semua data playground dan membuat ulang lembaga contoh.</p>`,
  },
  en: {
    travel: '⏩ Next reminder', reset: '↺ Reset', split1: '👥 Two screens', split2: '👤 One screen',
    placeholder: 'Message', attach: 'Send a photo, a voice note, or a flow file (.yaml, as the admin) from your computer', typing: 'typing…', bot: 'bot',
    edited: 'edited', busy: { seeding: 'Setting up the sample organisation…', resetting: 'Emptying the playground…', travelling: 'Moving the clock…' },
    travelled: (when, n) => `⏩ Playground time is now ${when}: ${n} message(s) sent.`,
    nothing: 'No reminder or digest is scheduled yet. Open a case first with /kasus_baru.',
    photo: '📷 Photo', voice: '🎤 Voice note', download: 'Download', ok: 'OK', openAs: 'Open this link as:', close: 'Close',
    roles: { admin: 'Admin', supervisor: 'Supervisor', worker: 'Worker' },
    about: (s) => `<p><b>Pendamping playground</b>: the real bot (flows, engine, Redis storage, reminders),
      with no token and no Telegram. The organisation <b>${esc(s.org)}</b> is set up, with:</p><ul>${users(s)}</ul>
      <p>Try it as Budi: <code>/kasus_baru</code>, then <code>/catat</code>. The note's summary reaches Rina.
      <b>⏩ Next reminder</b> moves the playground's clock to the next weekly reminder or digest and sends it.
      <b>↺ Reset</b> wipes the playground's data and sets up the sample organisation again.</p>`,
  },
};

const $ = (sel, root = document) => root.querySelector(sel);
const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};
function esc(s) {
  return String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}
function users(s) {
  return s.users.map((u) => `<li><b>${esc(u.name)}</b> — ${esc(T().roles[u.role])} (id ${u.id})</li>`).join('');
}

const params = new URLSearchParams(location.search);
const state = { users: [], chats: new Map(), commands: { id: [], en: [] }, chatCommands: {}, menuButtons: {}, busy: null, skew: 0, org: '', bot: '', lang: 'id' };
let lang = params.get('lang') || localStorage.getItem('pg-lang') || ((navigator.language || '').toLowerCase().startsWith('en') ? 'en' : 'id');
const T = () => TEXT[lang];
const phones = [];

// ---------------------------------------------------------------------------
// Telegram HTML → DOM: only Telegram's tags survive, only http(s)/tg links, no other attribute.

const TAGS = { B: 'b', STRONG: 'b', I: 'i', EM: 'i', U: 'u', INS: 'u', S: 's', STRIKE: 's', DEL: 's', CODE: 'code', PRE: 'pre', A: 'a', BLOCKQUOTE: 'blockquote', 'TG-SPOILER': 'span', SPAN: 'span' };

function renderHtml(html, into) {
  // A DOMParser document is inert: no script runs and no image loads while it is read.
  const doc = new DOMParser().parseFromString(html, 'text/html');
  copy(doc.body, into);
}
function copy(from, into) {
  for (const node of from.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      into.append(document.createTextNode(node.data));
      continue;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) continue;
    const tag = TAGS[node.tagName];
    if (!tag) {
      copy(node, into); // unknown tag: keep its text only
      continue;
    }
    const out = document.createElement(tag);
    if (tag === 'a') {
      const href = node.getAttribute('href') || '';
      if (/^(https?:|tg:|mailto:)/i.test(href)) out.href = href;
      out.rel = 'noopener noreferrer';
      out.target = '_blank';
    }
    if (tag === 'span' && (node.tagName === 'TG-SPOILER' || node.classList.contains('tg-spoiler'))) out.className = 'spoiler';
    copy(node, out);
    into.append(out);
  }
}

// ---------------------------------------------------------------------------
// Talking to the playground

async function post(path, body) {
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
  if (!res.ok) throw new Error((await res.json().catch(() => ({}))).error || res.statusText);
  return res.json();
}

function connect() {
  const source = new EventSource('/api/events');
  source.onmessage = (ev) => onEvent(JSON.parse(ev.data));
}

function tick() {
  $('#clock').textContent = clockText(Date.now() + state.skew);
}

function onEvent(e) {
  if (e.now) {
    state.skew = e.now - Date.now();
    tick();
  }
  switch (e.type) {
    case 'state':
      state.users = e.users;
      state.org = e.org;
      state.bot = e.bot;
      state.commands = e.commands;
      state.chatCommands = e.chatCommands ?? {};
      state.menuButtons = e.menuButtons ?? {};
      state.chats = new Map(Object.entries(e.chats).map(([id, ms]) => [Number(id), new Map(ms.map((m) => [m.id, m]))]));
      setBusy(e.busy);
      if (e.lang !== lang && !e.busy) post('/api/lang', { lang }).catch(() => undefined);
      for (const p of phones) p.fill();
      renderAbout();
      break;
    case 'message': {
      const chat = state.chats.get(e.chatId) ?? new Map();
      state.chats.set(e.chatId, chat);
      chat.set(e.message.id, e.message);
      for (const p of phones) if (p.user === e.chatId) p.put(e.message);
      markUnread(e.chatId, e.message);
      break;
    }
    case 'delete':
      state.chats.get(e.chatId)?.delete(e.messageId);
      for (const p of phones) if (p.user === e.chatId) p.remove(e.messageId);
      break;
    case 'alert':
      for (const p of phones) if (p.user === e.chatId) p.toast(e.text, e.showAlert);
      break;
    case 'typing':
      for (const p of phones) if (p.user === e.chatId) p.typing();
      break;
    case 'busy':
      setBusy(e.busy);
      break;
  }
}

// ---------------------------------------------------------------------------
// A phone: one user's chat with the bot

const unread = new Map();
function markUnread(chatId, m) {
  if (!m.fromBot || m.edited || phones.some((p) => p.user === chatId)) return;
  unread.set(chatId, (unread.get(chatId) ?? 0) + 1);
  for (const p of phones) p.names();
}

const timeFmt = () => new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Jakarta' });

class Phone {
  constructor(user) {
    this.root = $('#phone-tpl').content.firstElementChild.cloneNode(true);
    this.list = $('.messages', this.root);
    this.user = user;
    this.rev = 0;
    $('#phones').append(this.root);
    $('.who', this.root).addEventListener('change', (ev) => this.show(Number(ev.target.value)));
    $('.composer', this.root).addEventListener('submit', (ev) => {
      ev.preventDefault();
      const input = $('.input', this.root);
      const text = input.value;
      if (!text.trim()) return;
      input.value = '';
      this.send(text);
    });
    $('.menu-btn', this.root).addEventListener('click', () => this.menu());
    $('.webapp-btn', this.root).addEventListener('click', () => {
      const b = state.menuButtons[this.user];
      if (b) this.openMiniApp(b.url);
    });
    $('input[type=file]', this.root).addEventListener('change', (ev) => this.upload(ev.target));
    this.labels();
  }
  labels() {
    $('.input', this.root).placeholder = T().placeholder;
    $('.attach', this.root).title = T().attach;
    $('.status', this.root).textContent = T().bot;
  }
  names() {
    const select = $('.who', this.root);
    select.replaceChildren(...state.users.map((u) => {
      const o = el('option', '', `${u.name} · ${T().roles[u.role]}${unread.get(u.id) ? ` (${unread.get(u.id)})` : ''}`);
      o.value = String(u.id);
      o.selected = u.id === this.user;
      return o;
    }));
  }
  show(user) {
    if (user !== this.user) this.closeMiniApp();
    this.user = user;
    unread.delete(user);
    this.root.dataset.user = String(user);
    this.fill();
    for (const p of phones) p.names();
  }
  fill() {
    this.root.dataset.user = String(this.user);
    this.names();
    // the chat's Mini App button, beside ☰ Menu (Telegram shows it instead: the commands stay reachable)
    const app = state.menuButtons[this.user];
    const appBtn = $('.webapp-btn', this.root);
    appBtn.hidden = !app;
    appBtn.textContent = app ? app.text : '';
    this.list.replaceChildren();
    for (const m of state.chats.get(this.user)?.values() ?? []) this.put(m, false);
    this.scroll(true);
  }
  send(text) {
    post('/api/send', { user: this.user, text }).catch((err) => this.toast(err.message));
  }
  press(messageId, data) {
    post('/api/press', { user: this.user, messageId, data }).catch((err) => this.toast(err.message));
  }
  async upload(input) {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const url = `/api/upload?user=${this.user}&name=${encodeURIComponent(file.name)}`;
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': file.type || 'application/octet-stream', 'x-playground': '1' }, body: file });
    if (!res.ok) this.toast((await res.json().catch(() => ({}))).error || res.statusText);
  }
  menu() {
    const box = $('.menu-list', this.root);
    if (!box.hidden) return void (box.hidden = true);
    // the user's own menu (a supervisor's, an admin's), else everyone's
    const menu = state.chatCommands[this.user] ?? state.commands;
    const cmds = menu[lang]?.length ? menu[lang] : menu.id;
    box.replaceChildren(...cmds.map((c) => {
      const b = el('button', 'cmd');
      b.type = 'button';
      b.append(el('span', 'cmd-name', `/${c.command}`), el('span', 'cmd-desc', c.description));
      b.addEventListener('click', () => {
        box.hidden = true;
        this.send(`/${c.command}`);
      });
      return b;
    }));
    box.hidden = false;
  }
  put(m, scroll = true) {
    this.rev++;
    this.root.dataset.rev = String(this.rev);
    const near = this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 80;
    const node = this.bubble(m);
    const old = this.list.querySelector(`[data-id="${m.id}"]`);
    if (old) old.replaceWith(node);
    else this.list.append(node);
    if (scroll) this.scroll(near || !m.fromBot);
  }
  remove(id) {
    this.rev++;
    this.root.dataset.rev = String(this.rev);
    this.list.querySelector(`[data-id="${id}"]`)?.remove();
  }
  scroll(force) {
    if (force) this.list.scrollTop = this.list.scrollHeight;
  }
  bubble(m) {
    const row = el('div', `msg ${m.fromBot ? 'bot' : 'me'}`);
    row.dataset.id = String(m.id);
    const b = el('div', 'bubble');
    if (m.photo) {
      const img = el('img', 'photo');
      img.alt = T().photo;
      img.src = `/api/file/${encodeURIComponent(m.photo.fileId)}?inline`;
      img.onerror = () => img.replaceWith(el('div', 'file', T().photo));
      b.append(img);
    }
    if (m.voice) {
      const audio = el('audio', 'voice');
      audio.controls = true;
      audio.src = `/api/file/${encodeURIComponent(m.voice.fileId)}?inline`;
      audio.onerror = () => audio.replaceWith(el('div', 'file', T().voice));
      b.append(audio);
    }
    if (m.document) {
      const a = el('a', 'document');
      a.href = `/api/file/${encodeURIComponent(m.document.fileId)}`;
      a.download = m.document.fileName || m.document.fileId;
      a.append(el('span', 'doc-icon', '📄'), el('span', 'doc-name', m.document.fileName || m.document.fileId), el('span', 'doc-size', `${Math.max(1, Math.round(m.document.size / 1024))} KB · ${T().download}`));
      b.append(a);
    }
    const body = m.text ?? m.caption;
    if (body !== undefined) {
      const t = el('div', 'text');
      if (m.fromBot && (m.parseMode || '').toLowerCase() === 'html') renderHtml(body, t);
      else t.textContent = body;
      b.append(t);
    }
    b.append(el('span', 'meta', `${m.edited ? `${T().edited} ` : ''}${timeFmt().format(new Date(m.date * 1000))}`));
    row.append(b);
    const rows = m.replyMarkup?.inline_keyboard;
    if (rows?.length) {
      const kb = el('div', 'keyboard');
      for (const r of rows) {
        const line = el('div', 'kb-row');
        for (const btn of r) line.append(this.button(m, btn));
        kb.append(line);
      }
      row.append(kb);
    }
    this.links(row);
    return row;
  }
  button(m, btn) {
    const b = el('button', 'kb-btn', btn.text);
    b.type = 'button';
    if (btn.web_app?.url) {
      b.classList.add('webapp');
      b.addEventListener('click', () => this.openMiniApp(btn.web_app.url));
    } else if (btn.callback_data !== undefined) b.addEventListener('click', () => this.press(m.id, btn.callback_data));
    else if (btn.url) {
      b.classList.add('url');
      b.addEventListener('click', () => this.openLink(btn.url));
    }
    return b;
  }
  /** The bot's own t.me links (invitations: …?start=code) open here, as a chosen user's /start. */
  links(row) {
    for (const a of row.querySelectorAll('a[href]')) {
      if (!this.startCode(a.href)) continue;
      a.addEventListener('click', (ev) => {
        ev.preventDefault();
        this.openLink(a.href);
      });
    }
  }
  startCode(href) {
    const m = /^https:\/\/t\.me\/([\w]+)\?start=([\w-]+)$/.exec(href);
    return m && m[1] === state.bot ? m[2] : undefined;
  }
  openLink(href) {
    const code = this.startCode(href);
    if (!code) return void window.open(href, '_blank', 'noopener');
    const box = el('div', 'open-as');
    box.append(el('div', '', T().openAs));
    for (const u of state.users) {
      const b = el('button', 'kb-btn', u.name);
      b.type = 'button';
      b.addEventListener('click', () => {
        box.remove();
        const target = phones.find((p) => p.user === u.id) ?? this;
        if (target.user !== u.id) target.show(u.id);
        target.send(`/start ${code}`);
      });
      box.append(b);
    }
    this.root.append(box);
  }
  /** The Mini App at `url` (the server signs its initData), beside this phone; a second one replaces it. */
  async openMiniApp(url) {
    const user = this.user;
    let src;
    try {
      ({ src } = await post('/api/webapp', { user, url }));
    } catch (err) {
      return void this.toast(err.message);
    }
    if (this.user !== user || !this.root.isConnected) return;
    this.closeMiniApp();
    const panel = el('section', 'miniapp');
    panel.dataset.user = String(user);
    const head = el('div', 'miniapp-head');
    const close = el('button', 'miniapp-close', '✕');
    close.type = 'button';
    close.title = T().close;
    close.setAttribute('aria-label', T().close);
    close.addEventListener('click', () => this.closeMiniApp());
    head.append(el('div', 'miniapp-title', 'Pendamping'), close);
    const frame = el('iframe', 'miniapp-frame');
    frame.title = 'Pendamping';
    frame.src = src;
    panel.append(head, frame);
    this.miniApp = panel;
    this.root.after(panel);
    this.root.classList.add('app-open');
  }
  closeMiniApp() {
    this.miniApp?.remove();
    this.miniApp = undefined;
    this.root.classList.remove('app-open');
  }
  toast(text, sticky) {
    const t = $('.toast', this.root);
    t.replaceChildren(el('span', '', text));
    t.classList.toggle('alert', Boolean(sticky));
    t.hidden = false;
    clearTimeout(this.toastTimer);
    if (sticky) {
      const ok = el('button', 'kb-btn', T().ok);
      ok.type = 'button';
      ok.addEventListener('click', () => (t.hidden = true));
      t.append(ok);
    } else this.toastTimer = setTimeout(() => (t.hidden = true), 2500);
  }
  typing() {
    const s = $('.status', this.root);
    s.textContent = T().typing;
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => (s.textContent = T().bot), 2000);
  }
}

// ---------------------------------------------------------------------------
// The bar: clock, time travel, reset, one or two phones, language

function setBusy(busy) {
  state.busy = busy;
  document.body.classList.toggle('busy', Boolean(busy));
  document.body.dataset.busy = busy || '';
  for (const id of ['travel', 'reset']) $(`#${id}`).disabled = Boolean(busy);
  if (busy) notice(T().busy[busy] ?? busy);
  else if ($('#notice').dataset.kind === 'busy') $('#notice').hidden = true;
}

function notice(text, kind = 'busy') {
  const n = $('#notice');
  n.textContent = text;
  n.dataset.kind = kind;
  n.hidden = false;
  clearTimeout(notice.timer);
  if (kind !== 'busy') notice.timer = setTimeout(() => (n.hidden = true), 6000);
}

function clockText(ms) {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', {
    weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'Asia/Jakarta',
  }).format(new Date(ms)) + ' WIB';
}

function renderAbout() {
  $('#about').innerHTML = state.users.length ? T().about(state) : '';
}

function renderBar() {
  document.documentElement.lang = lang;
  $('#travel').textContent = T().travel;
  $('#reset').textContent = T().reset;
  $('#split').textContent = phones.length > 1 ? T().split2 : T().split1;
  $('#lang').value = lang;
  for (const p of phones) {
    p.labels();
    p.fill();
  }
  renderAbout();
}

function layout(users) {
  for (const p of phones.splice(0)) {
    p.closeMiniApp();
    p.root.remove();
  }
  for (const u of users) phones.push(new Phone(u));
  document.body.classList.toggle('two', phones.length > 1);
  renderBar();
}

function start() {
  const wanted = (params.get('users') || params.get('user') || '').split(',').map(Number).filter(Boolean);
  const two = window.innerWidth >= 820;
  layout(wanted.length ? wanted : two ? [1003, 1002] : [1003]);
  $('#travel').addEventListener('click', async () => {
    try {
      const r = await post('/api/travel');
      notice(r.to ? T().travelled(clockText(r.to), r.messages) : T().nothing, 'info');
    } catch (err) {
      notice(err.message, 'info');
    }
  });
  $('#reset').addEventListener('click', () => post('/api/reset').catch((err) => notice(err.message, 'info')));
  $('#split').addEventListener('click', () => {
    const others = state.users.map((u) => u.id).filter((id) => id !== phones[0].user);
    layout(phones.length > 1 ? [phones[0].user] : [phones[0].user, others[0] ?? phones[0].user]);
  });
  $('#lang').addEventListener('change', (ev) => {
    lang = ev.target.value;
    localStorage.setItem('pg-lang', lang);
    renderBar();
    post('/api/lang', { lang }).catch(() => undefined);
  });
  $('#about-btn').addEventListener('click', () => ($('#about').hidden = !$('#about').hidden));
  setInterval(tick, 1000);
  connect();
}

document.addEventListener('DOMContentLoaded', start);
