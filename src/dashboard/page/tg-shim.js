// The playground's telegram-web-app.js (no internet, no Telegram there): the part of
// window.Telegram.WebApp that app.js uses, read from the URL fragment as Telegram's script reads it.
// It draws Telegram's back and main buttons (#tg-back, #tg-main), styled in app.css ("playground shim").
'use strict';
(() => {
// Telegram's urlSafeDecode: '+' is a space, a broken escape stays as it is
const dec = (v) => { try { return decodeURIComponent(v.replace(/\+/g, '%20')); } catch { return v; } };
const parse = (qs) => {
  const o = {};
  for (const part of (qs || '').split('&')) {
    if (!part) continue;
    const i = part.indexOf('=');
    o[dec(i < 0 ? part : part.slice(0, i))] = i < 0 ? null : dec(part.slice(i + 1));
  }
  return o;
};
const hash = parse(location.hash.replace(/^#/, ''));
const initData = hash.tgWebAppData || '';
const initDataUnsafe = {};
for (const [k, v] of Object.entries(parse(initData))) {
  if (k === 'user' || k === 'receiver' || k === 'chat') { try { initDataUnsafe[k] = JSON.parse(v); } catch { /* skip */ } }
  else initDataUnsafe[k] = v;
}
let themeParams = {};
try { themeParams = JSON.parse(hash.tgWebAppThemeParams || '{}') || {}; } catch { themeParams = {}; }
// Telegram's own rule: the scheme follows the brightness of bg_color
const dark = (() => {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(themeParams.bg_color || '');
  if (!m) return false;
  const [r, g, b] = m.slice(1).map((x) => parseInt(x, 16));
  return Math.sqrt(0.299 * r * r + 0.587 * g * g + 0.114 * b * b) < 120;
})();

const handlers = {};
const onEvent = (ev, fn) => { if (typeof fn === 'function') (handlers[ev] = handlers[ev] || []).push(fn); };
const offEvent = (ev, fn) => { const l = handlers[ev]; if (l) { const i = l.indexOf(fn); if (i >= 0) l.splice(i, 1); } };
const fire = (ev) => { for (const fn of (handlers[ev] || []).slice()) { try { fn(); } catch (e) { setTimeout(() => { throw e; }); } } };

const lang = String((initDataUnsafe.user && initDataUnsafe.user.language_code) || 'id');
const mk = (tag, id, cls, parent) => { const e = document.createElement(tag); if (id) { e.id = id; e.type = 'button'; } e.className = cls; parent.append(e); return e; };
let bar = null, main = null;
function draw() {
  const body = document.body;
  if (!body) return;
  if (!bar) {
    bar = mk('div', '', 'tg-shim-bar', body);
    const back = mk('button', 'tg-back', 'tg-shim-back', bar);
    back.textContent = /^id/i.test(lang) ? '‹ Kembali' : '‹ Back';
    back.addEventListener('click', () => fire('backButtonClicked'));
    main = mk('button', 'tg-main', 'tg-shim-main', body);
    main.addEventListener('click', () => { if (MainButton.isActive && !MainButton.isProgressVisible) fire('mainButtonClicked'); });
  }
  bar.hidden = !BackButton.isVisible;
  main.hidden = !MainButton.isVisible;
  main.textContent = MainButton.text;
  main.disabled = !MainButton.isActive;
  main.classList.toggle('tg-shim-progress', MainButton.isProgressVisible);
  body.classList.toggle('tg-shim-back-on', BackButton.isVisible);
  body.classList.toggle('tg-shim-main-on', MainButton.isVisible);
}
// sets fields of a button, redraws, and returns the button (Telegram's methods chain)
const set = (o, p) => { Object.assign(o, p); draw(); return o; };

const BackButton = {
  isVisible: false,
  show() { return set(this, { isVisible: true }); },
  hide() { return set(this, { isVisible: false }); },
  onClick(fn) { onEvent('backButtonClicked', fn); return this; },
  offClick(fn) { offEvent('backButtonClicked', fn); return this; },
};
const MainButton = {
  text: 'Continue', isVisible: false, isActive: true, isProgressVisible: false,
  setText(t) { return set(this, { text: String(t) }); },
  show() { return set(this, { isVisible: true }); },
  hide() { return set(this, { isVisible: false }); },
  enable() { return set(this, { isActive: true }); },
  disable() { return set(this, { isActive: false }); },
  showProgress() { return set(this, { isProgressVisible: true }); },
  hideProgress() { return set(this, { isProgressVisible: false }); },
  setParams(p) {
    p = p || {};
    const o = {}; // colours are the theme's here
    if ('text' in p) o.text = String(p.text);
    if ('is_active' in p) o.isActive = !!p.is_active;
    if ('is_visible' in p) o.isVisible = !!p.is_visible;
    return set(this, o);
  },
  onClick(fn) { onEvent('mainButtonClicked', fn); return this; },
  offClick(fn) { offEvent('mainButtonClicked', fn); return this; },
};

const version = hash.tgWebAppVersion || '8.0';
window.Telegram = {
  WebApp: {
    initData, initDataUnsafe, themeParams, version,
    platform: hash.tgWebAppPlatform || 'web',
    colorScheme: dark ? 'dark' : 'light',
    isExpanded: false, isClosed: false,
    ready() {}, expand() { this.isExpanded = true; }, close() { this.isClosed = true; },
    onEvent, offEvent, BackButton, MainButton,
    isVersionAtLeast(v) {
      const a = String(version).split('.'), b = String(v).split('.');
      for (let i = 0; i < Math.max(a.length, b.length); i++) { const d = (+a[i] || 0) - (+b[i] || 0); if (d) return d > 0; }
      return true;
    },
  },
};
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw); else draw();
})();
