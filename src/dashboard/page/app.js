// The supervisors' dashboard (docs/dashboard.md). Plain browser JavaScript, no build step. Every
// piece of data reaches the page through textContent or an attribute: answers are hostile text.
// The session token lives in this closure only; navigation is a stack in memory, never the URL.
'use strict';
(() => {
const W = (window.Telegram && window.Telegram.WebApp) || null;
// Telegram's script outside Telegram says platform 'unknown': then the page draws its own back
const TG = !!(W && W.BackButton && W.MainButton && W.platform && W.platform !== 'unknown' &&
  (!W.isVersionAtLeast || W.isVersionAtLeast('6.1')));

const S = {
  id: {
    loading: 'Memuat…', retry: 'Coba lagi', back: '‹ Kembali', send: 'Kirim', cancel: 'Batal',
    stale: 'Sesi kedaluwarsa. Tutup dan buka lagi dasbor dari Telegram.',
    forged: 'Buka dasbor dari tombol menu bot di Telegram.',
    notMember: 'Anda belum terdaftar di lembaga mana pun.',
    e401: 'Sesi berakhir. Tutup dan buka lagi dasbor.', e403: 'Anda tidak berhak melihat ini.',
    e404: 'Sudah tidak ada.', net: 'Tidak tersambung. Coba lagi.', busy: 'Sedang sibuk. Coba lagi sebentar lagi.',
    fail: 'Permintaan tidak dapat diproses. Coba lagi.', outdated: 'Catatan sudah diubah; muat ulang.',
    alreadyApproved: 'Catatan ini sudah disetujui.', takenBy: (n) => n ? `Sudah ditangani oleh ${n}.` : 'Sudah ditangani.',
    roles: { worker: 'Petugas', supervisor: 'Supervisor', admin: 'Admin' },
    kinds: {
      active: 'Kasus aktif', overdue: 'Tanpa kontak terlaksana', 'no-shows': 'Dua kali tidak jadi',
      'missed-meeting': 'Jadwal terlewat', risks: 'Risiko terbuka', awaiting: 'Menunggu tinjauan',
      stuck: 'Terlalu lama di tahap', ending: 'Masa bimbingan berakhir bulan ini',
    },
    justNow: 'baru saja', hours: (n) => `${n} jam`, days: (n) => `${n} hari`, ago: (a) => `${a} lalu`,
    oldest: (a) => `tertua ${a}`, untaken: (n) => `${n} belum ditangani`,
    stagesTitle: 'Kasus aktif per tahap', worker: 'Petugas', workers: 'Petugas', total: 'Jumlah',
    someOf: (n, total) => `${n} dari ${total} kasus, yang paling mendesak dahulu`, riskFlag: 'Tanda bahaya',
    riskDone: 'Risiko ini sudah ditindaklanjuti.', dailyLimit: 'Batas laporan hari ini sudah tercapai. Coba lagi besok.', unavailable: 'Laporan belum bisa dibuat. Minta lewat chat: /laporan.',
    noActive: 'Belum ada kasus aktif.', none: 'Tidak ada.', suspended: 'ditangguhkan',
    cases: (n) => `${n} kasus`,
    handledBy: (n) => `ditangani ${n}`, unhandled: 'belum ditangani', waiting: (a) => `menunggu ${a}`,
    since: (d, a) => `sejak ${d} (${a})`, ends: (d) => `berakhir ${d}`,
    model: 'Model', stage: 'Tahap', status: 'Status', opened: 'Dibuka',
    statuses: { active: 'aktif', closed: 'ditutup' },
    pdf: '📕 Laporan PDF', docx: '📄 Word', reportSent: 'Laporan sedang dibuat; akan dikirim ke chat Anda.',
    chart: 'Kemajuan', doneTitle: 'Risiko yang sudah ditindaklanjuti',
    raised: (a) => `dilaporkan ${a}`, take: '🙋 Saya tangani', done: '✅ Sudah ditindaklanjuti',
    doneAsk: 'Tulis singkat tindak lanjutnya (apa yang sudah dilakukan, oleh siapa):',
    tookOk: 'Anda menangani risiko ini. Petugas diberi tahu.', doneOk: 'Tindak lanjut dicatat. Petugas diberi tahu.',
    notesTitle: 'Catatan', noNotes: 'Belum ada catatan.', held: 'Terlaksana', notHeld: 'Tidak terlaksana',
    rating: (r) => `Kemajuan ${r}/5`, riskMark: '🚨 risiko',
    review: { menunggu: '⏳ Menunggu', disetujui: '✅ Disetujui', perlu_perbaikan: '✏️ Perlu perbaikan' },
    reviewTitle: 'Tinjauan', noReview: 'Belum ada tinjauan.', urgent: 'Penting',
    actions: { submitted: 'dikirim', revised: 'direvisi', approved: 'menyetujui', feedback: 'memberi tanggapan' },
    approve: '✅ Setujui', approved: 'Disetujui. Petugas diberi tahu.', feedback: '💬 Beri tanggapan',
    feedbackAsk: 'Tanggapan untuk petugas:', feedbackOk: 'Tanggapan terkirim. Petugas diberi tahu.',
    empty: 'Tulis dulu isinya.',
    months: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'], timeSep: '.',
  },
  en: {
    loading: 'Loading…', retry: 'Try again', back: '‹ Back', send: 'Send', cancel: 'Cancel',
    stale: 'This link has expired. Close the dashboard and open it again from Telegram.',
    forged: "Open the dashboard from the bot's menu button in Telegram.",
    notMember: 'You are not registered with any organisation.',
    e401: 'Your session has ended. Close the dashboard and open it again.', e403: 'You may not see this.',
    e404: 'This no longer exists.', net: 'Not connected. Try again.', busy: 'Busy right now. Try again shortly.',
    fail: 'That could not be done. Try again.', outdated: 'The note has changed; reloading.',
    alreadyApproved: 'This note is already approved.', takenBy: (n) => n ? `Already taken by ${n}.` : 'Already taken.',
    roles: { worker: 'Worker', supervisor: 'Supervisor', admin: 'Admin' },
    kinds: {
      active: 'Active cases', overdue: 'No held contact', 'no-shows': 'Two no-shows',
      'missed-meeting': 'Missed planned meeting', risks: 'Open risks', awaiting: 'Awaiting review',
      stuck: 'Stuck in a stage', ending: 'Supervision ends this month',
    },
    justNow: 'just now', hours: (n) => `${n} h`, days: (n) => (n === 1 ? '1 day' : `${n} days`), ago: (a) => `${a} ago`,
    oldest: (a) => `oldest ${a}`, untaken: (n) => `${n} not taken`,
    stagesTitle: 'Active cases by stage', worker: 'Worker', workers: 'Workers', total: 'Total',
    someOf: (n, total) => `${n} of ${total} cases, the most pressing first`, riskFlag: 'Risk flag',
    riskDone: 'This risk has been followed up already.', dailyLimit: 'Today\'s limit of reports is reached. Try again tomorrow.', unavailable: 'Reports cannot be made here now. Ask in the chat: /laporan.',
    noActive: 'No active cases yet.', none: 'None.', suspended: 'suspended',
    cases: (n) => (n === 1 ? '1 case' : `${n} cases`),
    handledBy: (n) => `taken by ${n}`, unhandled: 'not taken yet', waiting: (a) => `waiting ${a}`,
    since: (d, a) => `since ${d} (${a})`, ends: (d) => `ends ${d}`,
    model: 'Model', stage: 'Stage', status: 'Status', opened: 'Opened',
    statuses: { active: 'active', closed: 'closed' },
    pdf: '📕 PDF report', docx: '📄 Word', reportSent: 'The report is being made; it will arrive in your chat.',
    chart: 'Progress', doneTitle: 'Risks followed up',
    raised: (a) => `raised ${a}`, take: "🙋 I'll handle it", done: '✅ Followed up',
    doneAsk: 'Briefly, the follow-up (what was done, by whom):',
    tookOk: 'You are handling this risk. The worker is told.', doneOk: 'Follow-up recorded. The worker is told.',
    notesTitle: 'Notes', noNotes: 'No notes yet.', held: 'Held', notHeld: 'Not held',
    rating: (r) => `Progress ${r}/5`, riskMark: '🚨 risk',
    review: { menunggu: '⏳ Awaiting', disetujui: '✅ Approved', perlu_perbaikan: '✏️ Needs revision' },
    reviewTitle: 'Review', noReview: 'No review yet.', urgent: 'Urgent',
    actions: { submitted: 'submitted', revised: 'revised', approved: 'approved', feedback: 'feedback' },
    approve: '✅ Approve', approved: 'Approved. The worker is told.', feedback: '💬 Give feedback',
    feedbackAsk: 'Feedback for the worker:', feedbackOk: 'Feedback sent. The worker is told.',
    empty: 'Write something first.',
    months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'], timeSep: ':',
  },
};
let L = S.id;

// ---- state: in memory only ----
let token = null;
let me = { name: '' };
let role = '';
let org = { name: '' };
let skew = 0; // server clock minus ours: ages are counted on the server's clock
const stack = [];
let seq = 0;
let mainFn = null;
let askN = 0;

const view = document.getElementById('view');
const nav = document.getElementById('nav');
const toastEl = document.getElementById('toast');

// ---- DOM helpers: no HTML strings anywhere ----
// h('tag.class.class', {props}?, ...kids)
function h(tag, props, ...kids) {
  if (props == null || typeof props !== 'object' || props instanceof Node || Array.isArray(props)) { kids.unshift(props); props = null; }
  const [name, ...cls] = tag.split('.');
  const e = document.createElement(name);
  if (cls.length) e.className = cls.join(' ');
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v == null || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'data') for (const [dk, dv] of Object.entries(v)) { if (dv != null) e.dataset[dk] = String(dv); }
      else if (k === 'onclick') e.addEventListener('click', v);
      else if (k === 'disabled' || k === 'hidden') e[k] = true;
      else if (k !== 'style' && !k.startsWith('on')) e.setAttribute(k, String(v));
    }
  }
  for (const k of kids.flat()) if (k != null && k !== false && k !== '') e.append(k instanceof Node ? k : String(k));
  return e;
}
const btn = (cls, label, fn, data, extra) => h('button', { type: 'button', class: cls, onclick: fn, data, ...extra }, label);
const SVG = 'http://www.w3.org/2000/svg';
function s(tag, attrs, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  if (text != null) e.textContent = String(text);
  return e;
}
const str = (v) => (v == null ? '' : String(v));

// ---- time ----
const now = () => Date.now() + skew;
function age(t) {
  const ms = now() - Number(t);
  if (!(ms >= 3600e3)) return L.justNow;
  return ms < 864e5 ? L.hours(Math.floor(ms / 3600e3)) : L.days(Math.floor(ms / 864e5));
}
const ago = (t) => { const a = age(t); return a === L.justNow ? a : L.ago(a); };
// "1 Des 2026" from "2026-12-01" (as it is) or from ms (local date)
function date(x, short) {
  const m = typeof x === 'string' && /^(\d{4})-(\d\d)-(\d\d)/.exec(x);
  const d = new Date(Number(x));
  const p = m ? [+m[1], m[2] - 1, +m[3]] : isNaN(d) ? null : [d.getFullYear(), d.getMonth(), d.getDate()];
  return !p ? str(x) : `${p[2]} ${L.months[p[1]]}` + (short ? '' : ` ${p[0]}`);
}
function dateTime(ms) {
  const d = new Date(Number(ms));
  if (isNaN(d)) return '';
  const two = (n) => String(n).padStart(2, '0');
  return `${date(ms)}, ${two(d.getHours())}${L.timeSep}${two(d.getMinutes())}`;
}

// ---- theme ----
const THEME = ['bg', 'text', 'hint', 'link', 'button', 'button_text', 'secondary_bg', 'section_bg', 'destructive_text', 'accent_text'];
function theme() {
  const p = (W && W.themeParams) || {};
  const root = document.documentElement;
  for (const k of THEME) {
    const v = p[k + '_color'];
    const name = '--tg-' + k.replace(/_/g, '-');
    if (typeof v === 'string' && /^#[0-9a-f]{3,8}$/i.test(v)) root.style.setProperty(name, v);
    else root.style.removeProperty(name);
  }
  const dark = W && W.colorScheme ? W.colorScheme === 'dark' : !!(window.matchMedia && matchMedia('(prefers-color-scheme: dark)').matches);
  root.classList.toggle('dark', dark);
}

// ---- API ----
async function api(path, body) {
  const headers = {};
  if (token) headers.Authorization = 'Bearer ' + token;
  if (body) headers['Content-Type'] = 'application/json';
  let r;
  try {
    r = await fetch('/app/api/' + path, { method: body ? 'POST' : 'GET', headers, body: body ? JSON.stringify(body) : undefined, cache: 'no-store', credentials: 'omit' });
  } catch {
    throw { status: 0 };
  }
  let j = null;
  try { j = await r.json(); } catch { /* not JSON */ }
  if (!r.ok || !j || typeof j !== 'object') {
    throw { status: r.ok ? 500 : r.status, code: j && typeof j.error === 'string' ? j.error : '', by: j && typeof j.by === 'string' ? j.by : '' };
  }
  return j;
}
// ids travel in request bodies, never in a URL (a proxy's access log keeps URLs)
const defined = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v != null && v !== ''));

// Only these words reach the user: never the server's own text.
function errText(e) {
  const st = e && e.status;
  if (st === 409) return e.code === 'taken' ? L.takenBy(e.by) : e.code === 'already-approved' ? L.alreadyApproved : e.code === 'done' ? L.riskDone : L.outdated;
  if (st === 429 && e.code === 'daily-limit') return L.dailyLimit;
  if (st === 503 && e.code === 'unavailable') return L.unavailable;
  return { 0: L.net, 401: L.e401, 403: L.e403, 404: L.e404, 429: L.busy }[st] || L.fail;
}
const retryable = (e) => !e || e.status === 0 || (e.status === 429 && e.code !== 'daily-limit') || (e.status >= 500 && e.code !== 'unavailable');

// The session is gone (or never was): say so, and nothing else is reachable.
function fatal(msg) {
  token = null;
  stack.length = 0;
  seq++;
  clearMain();
  updateBack();
  view.replaceChildren(h('p.fatal', { role: 'alert' }, msg));
}

// ---- toast ----
let toastTimer = 0;
function toast(msg) {
  toastEl.textContent = msg;
  toastEl.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { toastEl.hidden = true; }, 8000);
}
toastEl.addEventListener('click', () => { toastEl.hidden = true; });

// ---- Telegram buttons, or the page's own back ----
const ownBack = btn('back', '', () => pop(), null, { id: 'back' });
nav.append(ownBack);
function updateBack() {
  const deep = stack.length > 1;
  if (TG) { if (deep) W.BackButton.show(); else W.BackButton.hide(); }
  else { ownBack.textContent = L.back; nav.hidden = !deep; }
}
function setMain(text, fn) {
  clearMain();
  if (!TG) return;
  mainFn = fn;
  W.MainButton.setText(text);
  W.MainButton.onClick(mainFn);
  if (W.MainButton.enable) W.MainButton.enable();
  W.MainButton.show();
}
function clearMain() {
  if (!TG) return;
  if (mainFn) W.MainButton.offClick(mainFn);
  mainFn = null;
  if (W.MainButton.hideProgress) W.MainButton.hideProgress();
  W.MainButton.hide();
}

// ---- the screen stack ----
function push(scr) {
  if (stack.length) stack[stack.length - 1].y = window.scrollY;
  stack.push({ scr, data: null, y: 0 });
  show(false);
}
function pop() {
  if (stack.length < 2) return;
  stack.pop();
  show(true);
}
function paint(top) {
  clearMain();
  const frag = document.createDocumentFragment();
  top.scr.render(top.data, frag, top);
  view.replaceChildren(frag);
}
// Shows the top screen: its last data at once when coming back, then fresh data from the server.
async function show(back) {
  const top = stack[stack.length - 1];
  if (!top) return;
  const my = ++seq;
  clearMain();
  updateBack();
  document.title = top.scr.title();
  if (back && top.data) { paint(top); window.scrollTo(0, top.y || 0); }
  else { view.replaceChildren(h('p.loading', L.loading)); window.scrollTo(0, 0); }
  try {
    const d = await top.scr.load();
    if (my !== seq) return;
    top.data = d;
    const y = back ? window.scrollY : 0;
    paint(top);
    window.scrollTo(0, y);
  } catch (e) {
    if (my !== seq) return;
    if (e && e.status === 401) return fatal(L.e401);
    if (top.data) return toast(errText(e));
    view.replaceChildren(h('div.error', { role: 'alert' }, h('h1', top.scr.title()), h('p', errText(e)),
      retryable(e) ? btn('retry', L.retry, () => show(back)) : null));
  }
}
// Re-fetches the top screen in place after an action (scroll kept).
function reload() {
  const top = stack[stack.length - 1];
  if (top) { top.y = window.scrollY; show(true); }
}
// Runs an action: buttons off while it runs, errors as a toast, 401 ends the session.
async function act(buttons, path, body, ok) {
  buttons.forEach((b) => { b.disabled = true; });
  try {
    const r = await api(path, body);
    ok(r);
    return true;
  } catch (e) {
    if (e && e.status === 401) { fatal(L.e401); return false; }
    toast(errText(e));
    if (e && (e.status === 409 || e.status === 404)) reload();
    return false;
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
}

// A text box under an action: send with `send(text)` (resolves true when done).
function askText(host, prompt, max, send) {
  const old = host.querySelector('.ask');
  if (old) { old.remove(); return; }
  const id = 'ask' + (++askN);
  const ta = h('textarea', { id, maxlength: max, rows: 4 });
  const count = h('span.count', `0/${max}`);
  ta.addEventListener('input', () => { count.textContent = `${ta.value.length}/${max}`; });
  const box = h('div.ask', h('label', { for: id }, prompt), ta, count);
  const go = btn('send primary', L.send, async () => {
    const text = ta.value.trim();
    if (!text) { toast(L.empty); ta.focus(); return; }
    if (await send(text, [go, no])) box.remove();
  });
  const no = btn('cancel', L.cancel, () => box.remove());
  box.append(h('div.row', go, no));
  host.append(box);
  ta.focus();
}

// ---- screens ----
const kindLabel = (k) => L.kinds[k] || str(k);

function overviewScreen() {
  return {
    title: () => str(org.name) || 'Pendamping',
    load: async () => { const d = await api('overview'); if (typeof d.now === 'number') skew = d.now - Date.now(); return d; },
    render(d, v) {
      v.append(h('header.head', h('h1', str(org.name)), h('p.role', [str(me.name), L.roles[role]].filter(Boolean).join(' · '))));
      const grid = h('div.indicators');
      for (const it of d.indicators || []) {
        if (!L.kinds[it.kind]) continue; // a kind this page does not know yet
        const n = Number(it.count) || 0;
        const sub = [];
        if (n && it.oldest) sub.push(L.oldest(age(it.oldest)));
        if (n && it.untaken) sub.push(L.untaken(it.untaken));
        grid.append(btn('indicator' + (n ? '' : ' zero') + (n && (it.kind === 'risks' || it.kind === 'awaiting') ? ' warn' : ''), [
          h('span.num', String(n)), h('span.label', kindLabel(it.kind)),
          sub.length ? h('span.sub', sub.join(' · ')) : null,
        ], () => push(listScreen({ kind: it.kind })), { kind: it.kind }));
      }
      v.append(grid);
      v.append(stageTable(d.stages || {}));
      v.append(h('h2', L.workers || L.worker));
      const ws = d.workers || [];
      if (!ws.length) v.append(h('p.empty', L.none));
      const ul = h('ul.workers');
      for (const w of ws) {
        const c = w.counts || {};
        const cnt = (k, icon) => { const n = Number(c[k]) || 0; return h('span', { class: 'cnt' + (n ? '' : ' nil'), title: L.kinds[k], 'aria-label': `${L.kinds[k]}: ${n}` }, `${icon} ${n}`); };
        ul.append(h('li', btn('worker' + (w.suspended ? ' suspended' : ''), [
          h('span.name', str(w.name), w.suspended ? h('span.tag', L.suspended) : null),
          h('span.counts', cnt('active', '📂'), cnt('overdue', '⏰'), cnt('risks', '🚨'), cnt('awaiting', '⏳')),
          Number(c.risks) && c.oldestRisk ? h('span.sub', `🚨 ${L.oldest(age(c.oldestRisk))}`) : null,
        ], () => push(listScreen({ kind: 'active', worker: w.id, workerName: w.name })), { worker: w.id })));
      }
      v.append(ul);
    },
  };
}

function stageTable(st) {
  const cols = st.columns || [];
  const rows = st.rows || [];
  const box = h('section.stages-box', h('h2', L.stagesTitle));
  if (!cols.length || !rows.length) { box.append(h('p.empty', L.noActive)); return box; }
  // models as a first header row, spanning their stages
  const groups = [];
  for (const c of cols) {
    const g = groups[groups.length - 1];
    if (g && g.model === c.model) g.n++; else groups.push({ model: c.model, n: 1 });
  }
  const r1 = h('tr', h('th', { rowspan: 2, class: 'who', scope: 'col' }, L.worker), groups.map((g) => h('th', { colspan: g.n, class: 'model', scope: 'colgroup' }, str(g.model))), h('th', { rowspan: 2, class: 'sum', scope: 'col' }, L.total));
  const r2 = h('tr', cols.map((c) => h('th.stage', { scope: 'col', title: `${str(c.model)} · ${str(c.stage)}` }, str(c.stage))));
  const body = h('tbody');
  for (const r of rows) {
    const tr = h('tr', h('th', { scope: 'row', class: 'who' }, str(r.name)));
    for (const c of cols) {
      const n = Number((r.cells || {})[c.key]) || 0;
      tr.append(h('td', n ? btn('cell', String(n), () => push(listScreen({ kind: 'active', worker: r.workerId, workerName: r.name, stage: c.key, stageName: `${str(c.model)} · ${str(c.stage)}` })), { worker: r.workerId, stage: c.key }, { 'aria-label': `${str(r.name)}, ${str(c.model)} ${str(c.stage)}: ${n}` }) : h('span.nil', '·')));
    }
    const tot = Number(r.total) || 0;
    tr.append(h('td.sum', tot ? btn('cell total', String(tot), () => push(listScreen({ kind: 'active', worker: r.workerId, workerName: r.name })), { worker: r.workerId }) : h('span.nil', '0')));
    body.append(tr);
  }
  box.append(h('div.scroll', h('table.stages', h('thead', r1, r2), body)));
  return box;
}

function listScreen(p) {
  const title = () => [kindLabel(p.kind), p.workerName != null ? str(p.workerName) : null, p.stageName || null].filter(Boolean).join(' · ');
  return {
    title,
    load: () => api('list', defined({ kind: p.kind, worker: p.worker, stage: p.stage })),
    render(d, v) {
      const items = d.items || [];
      v.append(h('h1', title()));
      if (!items.length) { v.append(h('p.empty', L.none)); return; }
      v.append(h('p.hint', typeof d.total === 'number' && d.total > items.length ? L.someOf(items.length, d.total) : L.cases(items.length)));
      const ul = h('ul.rows');
      for (const it of items) {
        let info = null;
        let hot = false;
        if (p.kind === 'risks' && it.risk) {
          hot = !it.risk.takenBy;
          info = `🚨 ${ago(it.risk.raisedAt)} · ${it.risk.takenBy ? L.handledBy(str(it.risk.takenBy)) : L.unhandled}`;
        } else if (p.kind === 'awaiting' && it.since) info = `⏳ ${L.waiting(age(it.since))}`;
        else if (p.kind === 'ending' && it.since) info = L.ends(date(it.since));
        else if (it.since) info = L.since(date(it.since), age(it.since));
        ul.append(h('li', btn('case-row', [
          h('span.r1', h('strong.client', str(it.client)), h('span.code', str(it.code))),
          h('span.r2', [str(it.workerName), [str(it.model), str(it.stage)].filter(Boolean).join(' · ')].filter(Boolean).join(' — ')),
          info ? h('span', { class: 'r3' + (hot ? ' hot' : '') }, info) : null,
        ], () => push(caseScreen(it.workerId, it.caseId, it.client)), { worker: it.workerId, case: it.caseId, note: it.noteId })));
      }
      v.append(ul);
    },
  };
}

function chart(c) {
  const pts = (c && c.points) || [];
  if (pts.length < 1) return null;
  const max = Math.max(1, Math.round(Number(c.max) || 5));
  // drawn at the width it is shown at, so its 15px labels stay 15px
  const Wd = Math.round(Math.min(640, Math.max(260, view.clientWidth - 44))), Ht = 190, l = 34, r = 14, t = 14, b = 30;
  const x = (i) => (pts.length === 1 ? (l + Wd - r) / 2 : l + (i * (Wd - l - r)) / (pts.length - 1));
  const y = (v) => (max === 1 ? t + (Ht - t - b) / 2 : Ht - b - ((Math.min(max, Math.max(1, Number(v) || 1)) - 1) * (Ht - t - b)) / (max - 1));
  const g = s('svg', { viewBox: `0 0 ${Wd} ${Ht}`, width: Wd, height: Ht, class: 'chart', role: 'img', 'aria-label': L.chart });
  const step = max > 10 ? Math.ceil(max / 5) : 1;
  for (let v = 1; v <= max; v += step) {
    g.append(s('line', { x1: l, x2: Wd - r, y1: y(v), y2: y(v), class: 'grid' }));
    g.append(s('text', { x: l - 12, y: y(v) + 5, 'text-anchor': 'end', class: 'ax' }, v));
  }
  const k = Math.max(2, Math.floor((Wd - l - r) / 80)); // date labels that fit
  const idx = pts.length <= k ? pts.map((_, i) => i) : [...new Set(Array.from({ length: k }, (_, j) => Math.round((j * (pts.length - 1)) / (k - 1))))];
  for (const i of idx) g.append(s('text', { x: x(i), y: Ht - 7, 'text-anchor': pts.length === 1 ? 'middle' : i === 0 ? 'start' : i === pts.length - 1 ? 'end' : 'middle', class: 'ax' }, date(pts[i].date, true)));
  if (pts.length > 1) g.append(s('polyline', { points: pts.map((p, i) => `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' '), class: 'line' }));
  pts.forEach((p, i) => {
    const dot = s('circle', { cx: x(i).toFixed(1), cy: y(p.value).toFixed(1), r: 4.5, class: 'dot' });
    dot.append(s('title', null, `${date(p.date)}: ${str(p.value)}/${max}`));
    g.append(dot);
  });
  return h('section.chart-box', h('h2', L.chart), g);
}

function caseScreen(worker, caseId, client) {
  const ids = { worker, case: caseId };
  let reportMsg = false;
  return {
    title: () => str(client) || '…',
    load: () => api('case', ids),
    render(d, v) {
      const c = d.case || {};
      const may = d.may || {};
      client = c.client || client;
      document.title = str(client);
      const head = h('header.head.case-head',
        h('h1', str(c.client), ' ', h('span.code', str(c.code))),
        h('dl.facts',
          h('dt', L.worker), h('dd', str(c.workerName)),
          h('dt', L.model), h('dd', str(c.model)),
          h('dt', L.stage), h('dd', str(c.stage)),
          h('dt', L.status), h('dd', L.statuses[c.status] || str(c.status)),
          c.openedAt ? [h('dt', L.opened), h('dd', date(c.openedAt))] : null));
      v.append(head);
      if (may.report) {
        const note = h('p.notice', { role: 'status' }, reportMsg ? L.reportSent : '');
        note.hidden = !reportMsg;
        const mk = (fmt, label) => btn('report', label, () => act([pdf, docx], 'report', { ...ids, format: fmt }, () => { reportMsg = true; note.textContent = L.reportSent; note.hidden = false; }), { format: fmt });
        const pdf = mk('pdf', L.pdf);
        const docx = mk('docx', L.docx);
        v.append(h('div.row.actions', pdf, docx), note);
      }
      const ch = chart(d.chart);
      if (ch) v.append(ch);
      const risks = d.risks || [];
      const open = risks.filter((r) => !r.done);
      const done = risks.filter((r) => r.done);
      if (open.length) {
        const sec = h('section.risks', h('h2', L.kinds.risks));
        for (const r of open) {
          const box = h('div', { class: 'risk' + (r.takenBy ? '' : ' untaken'), data: { risk: r.id } },
            h('p.what', '🚨 ', str(r.what) || L.riskFlag),
            h('p.meta', `${L.raised(ago(r.raisedAt))} · ${r.takenBy ? L.handledBy(str(r.takenBy)) : L.unhandled}`));
          if (may.followUp) {
            const body = { ...ids, risk: r.id };
            const take = r.takenBy ? null : btn('take', L.take, () => act([take], 'risk/take', body, () => { toast(L.tookOk); reload(); }), { risk: r.id });
            const fin = btn('done', L.done, () => askText(box, L.doneAsk, 500, (text, bs) => act(bs, 'risk/done', { ...body, text }, () => { toast(L.doneOk); reload(); })), { risk: r.id });
            box.append(h('div.row', take, fin));
          }
          sec.append(box);
        }
        v.append(sec);
      }
      const notes = d.notes || [];
      v.append(h('h2', L.notesTitle));
      if (!notes.length) v.append(h('p.empty', L.noNotes));
      const ul = h('ul.rows');
      // a note's contents are the worker's and their supervisor's: an admin who does not supervise
      // sees the row, not a button that would only be refused
      const openable = may.notes !== false;
      for (const n of notes) {
        const parts = [
          h('span.r1', h('span', h('strong', date(n.date)), ' · ', str(n.stage)), n.review ? badge(n.review) : null),
          // (an admin who does not supervise the worker is told a note's date, stage and state only)
          typeof n.held === 'boolean' ? h('span.r2', h('span', { class: n.held ? 'held' : 'notheld' }, n.held ? L.held : L.notHeld), n.line ? ` · ${str(n.line)}` : '') : null,
          n.rating != null || n.risk ? h('span.r3', n.rating != null ? L.rating(n.rating) : '', n.rating != null && n.risk ? ' · ' : '', n.risk ? h('span.hot', L.riskMark) : '') : null,
        ];
        const data = { note: n.id, review: n.review || 'none' };
        ul.append(h('li', openable ? btn('note-row', parts, () => push(noteScreen(ids, n.id, `${date(n.date)} · ${str(n.stage)}`)), data) : h('div.note-row.closed', { data }, ...parts)));
      }
      v.append(ul);
      if (done.length) {
        const sec = h('section.risks.done-risks', h('h2', L.doneTitle));
        for (const r of done) {
          sec.append(h('div.risk', { data: { risk: r.id } },
            h('p.what', str(r.what) || L.riskFlag, ' · ', h('span.meta', ago(r.raisedAt))),
            h('p.meta', `✅ ${str(r.done.by)}${r.done.at ? ' · ' + date(r.done.at) : ''}`),
            r.done.note ? h('p.text', str(r.done.note)) : null));
        }
        v.append(sec);
      }
    },
  };
}

const badge = (state) => h('span', { class: 'badge b-' + str(state), data: { state } }, L.review[state] || str(state));

function noteScreen(ids, noteId, label) {
  const where = { ...ids, note: noteId };
  return {
    title: () => label,
    load: () => api('note', where),
    render(d, v, top) {
      const n = d.note || {};
      const rv = n.review || null;
      const state = rv && rv.state;
      v.append(h('h1', str(n.title) || label));
      const dl = h('dl.items');
      for (const it of n.items || []) {
        dl.append(h('div', { class: 'item' + (it.urgent ? ' urgent' : '') },
          h('dt', it.urgent ? `⚠️ ${str(it.label)}` : str(it.label), it.urgent ? h('span.tag', L.urgent) : null),
          h('dd', str(it.value))));
      }
      v.append(dl);
      const sec = h('section.review', h('h2', L.reviewTitle, ' ', state ? badge(state) : null));
      const log = (rv && rv.log) || [];
      if (!state && !log.length) sec.append(h('p.empty', L.noReview));
      if (log.length) {
        const ol = h('ol.log');
        for (const e of log) {
          ol.append(h('li', h('span.meta', [dateTime(e.at), str(e.by), L.actions[e.action] || str(e.action)].filter(Boolean).join(' · ')),
            e.text ? h('p.text', str(e.text)) : null));
        }
        sec.append(ol);
      }
      v.append(sec);
      if (d.may && d.may.review && state === 'menunggu') {
        const body = { ...where, version: n.version };
        let busy = false;
        const approve = async () => {
          if (busy) return;
          busy = true;
          if (TG && W.MainButton.showProgress) W.MainButton.showProgress();
          const ok = await act([inPage, fb], 'approve', body, () => {
            toast(L.approved);
            rv.state = 'disetujui';
            if (top === stack[stack.length - 1]) { paint(top); reload(); }
          });
          busy = false;
          if (!ok && TG && W.MainButton.hideProgress) W.MainButton.hideProgress();
        };
        const inPage = btn('approve primary', L.approve, approve);
        const fb = btn('feedback', L.feedback, () => askText(row.parentNode, L.feedbackAsk, 1000, (text, bs) => act(bs.concat(inPage, fb), 'feedback', { ...body, text }, () => { toast(L.feedbackOk); reload(); })));
        const row = h('div.row.actions', inPage, fb);
        v.append(h('div.review-actions', row));
        setMain(L.approve, approve);
      }
    },
  };
}

// ---- start ----
function preLang(initData) {
  let code = W && W.initDataUnsafe && W.initDataUnsafe.user && W.initDataUnsafe.user.language_code;
  if (!code) { try { code = JSON.parse(new URLSearchParams(initData).get('user') || '{}').language_code; } catch { /* none */ } }
  return !code || /^id/i.test(String(code)) ? 'id' : 'en';
}

async function start() {
  const initData = (W && W.initData) || new URLSearchParams(location.hash.slice(1)).get('tgWebAppData') || '';
  L = S[preLang(initData)];
  document.documentElement.lang = L === S.en ? 'en' : 'id';
  view.replaceChildren(h('p.loading', L.loading));
  let sess;
  try {
    sess = await api('session', { initData });
  } catch (e) {
    if (e.status === 401) return fatal(e.code === 'stale' ? L.stale : L.forged);
    if (e.status === 403) return fatal(L.notMember);
    return view.replaceChildren(h('div.error', { role: 'alert' }, h('p', errText(e)), btn('retry', L.retry, start)));
  }
  token = typeof sess.token === 'string' ? sess.token : null;
  L = sess.lang === 'en' ? S.en : S.id;
  document.documentElement.lang = sess.lang === 'en' ? 'en' : 'id';
  me = sess.user || me;
  role = str(sess.role);
  org = sess.org || org;
  push(overviewScreen());
}

if (W) {
  try { W.ready(); W.expand(); } catch { /* old client */ }
  if (W.onEvent) W.onEvent('themeChanged', theme);
}
theme();
if (TG) W.BackButton.onClick(pop);
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && !(e.target && /^(TEXTAREA|INPUT)$/.test(e.target.tagName))) pop();
});
start();
})();
