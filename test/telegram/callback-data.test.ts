// Button data (issue 15): every kind of button, from samples whose data is pinned to the exact
// string the encoder wrote before the one-definition-per-kind refactor (buttons already sitting in
// users' chats carry these strings, so they must keep decoding to the same action); every sample
// survives encode → decode and fits Telegram's 64 bytes; malformed data is refused; and on thousands
// of seeded mutations of real data, decode never throws and whatever it accepts is canonical (encodes
// back to the very same string). (Replaces test/export/callback-data.test.ts.)
import { describe, expect, it } from 'vitest';
import { decode, encode, KINDS, type Action } from '../../src/telegram/callback-data.ts';
import { BUTTON_READS } from '../../src/bot/read-plan.ts';
import type { ReadPlan } from '../../src/store/read-plan.ts';

/** What a press of this button reads besides the session (src/bot/read-plan.ts). */
const readsOf = (a: Action): ReadPlan => (BUTTON_READS[a.kind] as ((x: Action, userId: number) => ReadPlan) | undefined)?.(a, 1) ?? {};

type Kind = Action['kind'];
type Fields<K extends Kind> = Omit<Extract<Action, { kind: K }>, 'kind'>;

const U = 999_999_999_999_999; // the largest user id the data carries (15 digits)

/** Several samples per kind where its fields vary (every enum value, optional fields present and
 *  absent, ids of 4 and 16 characters, numbers at 0 and their maximum), each with its pinned data.
 *  Typed by kind, so a new kind without samples fails the type check too. */
const SAMPLES: { readonly [K in Kind]: readonly (readonly [Fields<K>, string])[] } = {
  menu: [
    [{ item: 'home' }, 'm:home'],
    [{ item: 'new' }, 'm:new'],
    [{ item: 'note' }, 'm:note'],
    [{ item: 'cases' }, 'm:cases'],
    [{ item: 'history' }, 'm:history'],
    [{ item: 'help' }, 'm:help'],
  ],
  'aside-cancel': [[{}, 'ax']],
  risk: [
    [{ op: 'take', workerId: 6001, caseId: 'k3j4', riskId: '0a1b2c3d4e5f' }, 'kt:6001:k3j4:0a1b2c3d4e5f'],
    [{ op: 'done', workerId: U, caseId: 'k3j4h5m6n7p8q9r0', riskId: '0a1b2c3d4e5f' }, 'kd:999999999999999:k3j4h5m6n7p8q9r0:0a1b2c3d4e5f'],
  ],
  'del-req': [
    [{ op: 'approve', orgId: 'org12345', workerId: 6001, caseId: 'k3j4' }, 'za:org12345:6001:k3j4'],
    [{ op: 'refuse', orgId: 'org12345', workerId: U, caseId: 'k3j4h5m6n7p8q9r0' }, 'zr:org12345:999999999999999:k3j4h5m6n7p8q9r0'],
  ],
  form: [
    [{ token: 'x9y8z7', op: 'c', q: 3, a: 1 }, 'f:x9y8z7:c:3:1'],
    [{ token: 'x9y8z7', op: 't', q: 3, a: 1 }, 'f:x9y8z7:t:3:1'],
    [{ token: 'x9y8z7', op: 'd', q: 3, a: 1 }, 'f:x9y8z7:d:3:1'],
    [{ token: 'x9y8z7', op: 'k', q: 3, a: 1 }, 'f:x9y8z7:k:3:1'],
    [{ token: 'x9y8z7', op: 's', q: 3, a: 1 }, 'f:x9y8z7:s:3:1'],
    [{ token: 'x9y8z7', op: 'b', q: 3, a: 1 }, 'f:x9y8z7:b:3:1'],
    [{ token: 'x9y8z7', op: 'g', q: 3, a: 1 }, 'f:x9y8z7:g:3:1'],
    [{ token: 'x9y8z7', op: 'e', q: 3, a: 1 }, 'f:x9y8z7:e:3:1'],
    [{ token: 'x9y8z7', op: 'r', q: 3, a: 1 }, 'f:x9y8z7:r:3:1'],
    [{ token: 'x9y8z7', op: 'v', q: 3, a: 1 }, 'f:x9y8z7:v:3:1'],
    [{ token: 'x9y8z7', op: 'x', q: 3, a: 1 }, 'f:x9y8z7:x:3:1'],
    [{ token: 'x9y8z7', op: 'y', q: 3, a: 1 }, 'f:x9y8z7:y:3:1'],
    [{ token: 'x9y8z7', op: 'n', q: 3, a: 1 }, 'f:x9y8z7:n:3:1'],
    [{ token: 'abcd', op: 'c', q: 0, a: 0 }, 'f:abcd:c:0:0'],
    [{ token: 'abcdefghij012345', op: 't', q: 999, a: 999 }, 'f:abcdefghij012345:t:999:999'],
  ],
  'note-case': [
    [{ caseId: 'abcd' }, 'cn:abcd'],
    [{ caseId: 'k3j4h5m6n7' }, 'cn:k3j4h5m6n7'],
    [{ caseId: 'abcdefghij012345' }, 'cn:abcdefghij012345'],
  ],
  'note-stages': [
    [{ caseId: 'abcd' }, 'cs:abcd'],
    [{ caseId: 'k3j4h5m6n7' }, 'cs:k3j4h5m6n7'],
    [{ caseId: 'abcdefghij012345' }, 'cs:abcdefghij012345'],
  ],
  'note-go': [
    [{ caseId: 'k3j4h5m6n7', stage: 0 }, 'cg:k3j4h5m6n7:0'],
    [{ caseId: 'k3j4h5m6n7', stage: 2 }, 'cg:k3j4h5m6n7:2'],
    [{ caseId: 'k3j4h5m6n7', stage: 999 }, 'cg:k3j4h5m6n7:999'],
  ],
  'case-page': [
    [{ purpose: 'note', page: 0 }, 'cp:n:0'],
    [{ purpose: 'note', page: 1 }, 'cp:n:1'],
    [{ purpose: 'note', page: 999 }, 'cp:n:999'],
    [{ purpose: 'history', page: 0 }, 'cp:h:0'],
    [{ purpose: 'history', page: 1 }, 'cp:h:1'],
    [{ purpose: 'history', page: 999 }, 'cp:h:999'],
    // /kasus's pages: written 'c' since the start, but read back only since issue 15 (they were refused)
    [{ purpose: 'cases', page: 0 }, 'cp:c:0'],
    [{ purpose: 'cases', page: 1 }, 'cp:c:1'],
    [{ purpose: 'cases', page: 999 }, 'cp:c:999'],
  ],
  'case-card': [
    [{ caseId: 'abcd' }, 'k:abcd'],
    [{ caseId: 'k3j4h5m6n7' }, 'k:k3j4h5m6n7'],
    [{ caseId: 'abcdefghij012345' }, 'k:abcdefghij012345'],
  ],
  'case-edit': [
    [{ caseId: 'k3j4h5m6n7' }, 'ce:k3j4h5m6n7'],
  ],
  history: [
    [{ caseId: 'k3j4h5m6n7', page: 0 }, 'h:k3j4h5m6n7:0'],
    [{ caseId: 'k3j4h5m6n7', page: 12 }, 'h:k3j4h5m6n7:12'],
    [{ caseId: 'k3j4h5m6n7', page: 999 }, 'h:k3j4h5m6n7:999'],
  ],
  'history-note': [
    [{ caseId: 'k3j4h5m6n7', noteId: 'p0q1r2s3t4' }, 'hn:k3j4h5m6n7:p0q1r2s3t4'],
    [{ caseId: 'abcd', noteId: 'abcdefghij012345' }, 'hn:abcd:abcdefghij012345'],
  ],
  'move-stage': [
    [{ caseId: 'k3j4h5m6n7', from: 0, stage: 1 }, 'mv:k3j4h5m6n7:0:1'],
    [{ caseId: 'k3j4h5m6n7', from: 999, stage: 999 }, 'mv:k3j4h5m6n7:999:999'],
    [{ caseId: 'abcdefghij012345', from: 3, stage: 2 }, 'mv:abcdefghij012345:3:2'],
  ],
  stay: [
    [{ caseId: 'abcd' }, 'st:abcd'],
    [{ caseId: 'k3j4h5m6n7' }, 'st:k3j4h5m6n7'],
    [{ caseId: 'abcdefghij012345' }, 'st:abcdefghij012345'],
  ],
  'close-case': [
    [{ caseId: 'abcd' }, 'cl:abcd'],
    [{ caseId: 'k3j4h5m6n7' }, 'cl:k3j4h5m6n7'],
    [{ caseId: 'abcdefghij012345' }, 'cl:abcdefghij012345'],
  ],
  'end-reason': [
    [{ caseId: 'k3j4h5m6n7', reason: 0 }, 'er:k3j4h5m6n7:0'],
    [{ caseId: 'k3j4h5m6n7', reason: 5 }, 'er:k3j4h5m6n7:5'],
    [{ caseId: 'k3j4h5m6n7', reason: 999 }, 'er:k3j4h5m6n7:999'],
  ],
  'end-now': [
    [{ caseId: 'abcd' }, 'en:abcd'],
    [{ caseId: 'k3j4h5m6n7' }, 'en:k3j4h5m6n7'],
    [{ caseId: 'abcdefghij012345' }, 'en:abcdefghij012345'],
  ],
  'reopen-case': [
    [{ caseId: 'abcd' }, 'ro:abcd'],
    [{ caseId: 'k3j4h5m6n7' }, 'ro:k3j4h5m6n7'],
    [{ caseId: 'abcdefghij012345' }, 'ro:abcdefghij012345'],
  ],
  lang: [
    [{ lang: 'id' }, 'l:id'],
    [{ lang: 'en' }, 'l:en'],
  ],
  draft: [
    [{ choice: 'resume', token: 'x9y8z7' }, 'dr:resume:x9y8z7'],
    [{ choice: 'resume', token: 'abcd' }, 'dr:resume:abcd'],
    [{ choice: 'resume', token: 'abcdefghij012345' }, 'dr:resume:abcdefghij012345'],
    [{ choice: 'discard', token: 'x9y8z7' }, 'dr:discard:x9y8z7'],
    [{ choice: 'discard', token: 'abcd' }, 'dr:discard:abcd'],
    [{ choice: 'discard', token: 'abcdefghij012345' }, 'dr:discard:abcdefghij012345'],
  ],
  'reminder-snooze': [
    [{ caseId: 'k3j4h5m6n7', occurrence: 0 }, 'rz:k3j4h5m6n7:0'],
    [{ caseId: 'k3j4h5m6n7', occurrence: 35 }, 'rz:k3j4h5m6n7:z'],
    [{ caseId: 'k3j4h5m6n7', occurrence: 36 }, 'rz:k3j4h5m6n7:10'],
    [{ caseId: 'k3j4h5m6n7', occurrence: 1764547200000 }, 'rz:k3j4h5m6n7:mimdudc0'],
    [{ caseId: 'k3j4h5m6n7', occurrence: Number.MAX_SAFE_INTEGER }, 'rz:k3j4h5m6n7:2gosa7pa2gv'],
  ],
  'reminder-skip': [
    [{ caseId: 'k3j4h5m6n7', occurrence: 0 }, 'rx:k3j4h5m6n7:0'],
    [{ caseId: 'k3j4h5m6n7', occurrence: 35 }, 'rx:k3j4h5m6n7:z'],
    [{ caseId: 'k3j4h5m6n7', occurrence: 36 }, 'rx:k3j4h5m6n7:10'],
    [{ caseId: 'k3j4h5m6n7', occurrence: 1764547200000 }, 'rx:k3j4h5m6n7:mimdudc0'],
    [{ caseId: 'k3j4h5m6n7', occurrence: Number.MAX_SAFE_INTEGER }, 'rx:k3j4h5m6n7:2gosa7pa2gv'],
  ],
  'rem-menu': [
    [{ item: 'home' }, 'rm:home'],
    [{ item: 'day' }, 'rm:day'],
    [{ item: 'hour' }, 'rm:hour'],
    [{ item: 'zone' }, 'rm:zone'],
    [{ item: 'cases' }, 'rm:cases'],
  ],
  'rem-day': [
    [{ weekday: 1 }, 'rd:1'],
    [{ weekday: 2 }, 'rd:2'],
    [{ weekday: 3 }, 'rd:3'],
    [{ weekday: 4 }, 'rd:4'],
    [{ weekday: 5 }, 'rd:5'],
    [{ weekday: 6 }, 'rd:6'],
    [{ weekday: 7 }, 'rd:7'],
  ],
  'rem-hour': [
    [{ hour: 0 }, 'rh:0'],
    [{ hour: 9 }, 'rh:9'],
    [{ hour: 23 }, 'rh:23'],
  ],
  'rem-zone': [
    [{ zone: 'wib' }, 'rw:wib'],
    [{ zone: 'wita' }, 'rw:wita'],
    [{ zone: 'wit' }, 'rw:wit'],
  ],
  'rem-pause': [
    [{ paused: true }, 'rp:1'],
    [{ paused: false }, 'rp:0'],
  ],
  'rem-cadence': [
    [{ caseId: 'k3j4h5m6n7', cadence: 'weekly' }, 'rc:k3j4h5m6n7:w'],
    [{ caseId: 'k3j4h5m6n7', cadence: 'biweekly' }, 'rc:k3j4h5m6n7:b'],
    [{ caseId: 'k3j4h5m6n7', cadence: 'monthly' }, 'rc:k3j4h5m6n7:m'],
  ],
  review: [
    [{ op: 'approve', workerId: 6001, caseId: 'k3j4h5m6n7', noteId: 'p0q1r2s3t4' }, 'sa:6001:k3j4h5m6n7:p0q1r2s3t4'],
    [{ op: 'approve', workerId: 6001, caseId: 'k3j4h5m6n7', noteId: 'p0q1r2s3t4', version: 2 }, 'sa:6001:k3j4h5m6n7:p0q1r2s3t4:2'],
    [{ op: 'feedback', workerId: 6001, caseId: 'k3j4h5m6n7', noteId: 'p0q1r2s3t4' }, 'sf:6001:k3j4h5m6n7:p0q1r2s3t4'],
    [{ op: 'feedback', workerId: 6001, caseId: 'k3j4h5m6n7', noteId: 'p0q1r2s3t4', version: 2 }, 'sf:6001:k3j4h5m6n7:p0q1r2s3t4:2'],
    [{ op: 'view', workerId: 6001, caseId: 'k3j4h5m6n7', noteId: 'p0q1r2s3t4' }, 'sv:6001:k3j4h5m6n7:p0q1r2s3t4'],
    [{ op: 'view', workerId: 6001, caseId: 'k3j4h5m6n7', noteId: 'p0q1r2s3t4', version: 2 }, 'sv:6001:k3j4h5m6n7:p0q1r2s3t4:2'],
    [{ op: 'approve', workerId: 0, caseId: 'abcd', noteId: 'abcd', version: 0 }, 'sa:0:abcd:abcd:0'],
    [{ op: 'view', workerId: U, caseId: 'abcdefghij012345', noteId: 'abcdefghij012345', version: 999 }, 'sv:999999999999999:abcdefghij012345:abcdefghij012345:999'],
  ],
  'note-edit': [
    [{ caseId: 'k3j4h5m6n7', noteId: 'p0q1r2s3t4' }, 'ne:k3j4h5m6n7:p0q1r2s3t4'],
    [{ caseId: 'abcdefghij012345', noteId: 'abcd' }, 'ne:abcdefghij012345:abcd'],
  ],
  leave: [
    [{ orgId: 'org12345' }, 'lv:org12345'],
    [{ orgId: 'abcdefghij012345' }, 'lv:abcdefghij012345'],
  ],
  'org-use': [
    [{ orgId: 'org12345' }, 'ou:org12345'],
    [{ orgId: 'abcdefghij012345' }, 'ou:abcdefghij012345'],
  ],
  org: [
    [{ orgId: 'org12345', op: 'menu' }, 'o:org12345:m'],
    [{ orgId: 'org12345', op: 'members' }, 'o:org12345:l'],
    [{ orgId: 'org12345', op: 'invites' }, 'o:org12345:i'],
    [{ orgId: 'org12345', op: 'audit' }, 'o:org12345:a'],
    [{ orgId: 'org12345', op: 'retention' }, 'o:org12345:n'],
    [{ orgId: 'org12345', op: 'audit-csv' }, 'o:org12345:v'],
    [{ orgId: 'org12345', op: 'invite-role', a: 'worker' }, 'o:org12345:r:worker'],
    [{ orgId: 'org12345', op: 'invite-make', a: 'supervisor', b: 's' }, 'o:org12345:c:supervisor:s'],
    [{ orgId: 'org12345', op: 'invite-make', a: 'worker', b: 'm' }, 'o:org12345:c:worker:m'],
    [{ orgId: 'org12345', op: 'invite-revoke', a: 'abcdefghijkl' }, 'o:org12345:x:abcdefghijkl'],
    [{ orgId: 'org12345', op: 'member', a: '6001' }, 'o:org12345:u:6001'],
    [{ orgId: 'org12345', op: 'member-role', a: '6001', b: 'admin' }, 'o:org12345:o:6001:admin'],
    [{ orgId: 'org12345', op: 'member-sups', a: '6001' }, 'o:org12345:s:6001'],
    [{ orgId: 'org12345', op: 'member-sup', a: '6001', b: '6002' }, 'o:org12345:t:6001:6002'],
    [{ orgId: 'org12345', op: 'member-remove', a: '6001' }, 'o:org12345:d:6001'],
    [{ orgId: 'org12345', op: 'member-remove-yes', a: '6001' }, 'o:org12345:y:6001'],
    [{ orgId: 'org12345', op: 'member-suspend', a: '6001' }, 'o:org12345:p:6001'],
    [{ orgId: 'org12345', op: 'member-resume', a: '6001' }, 'o:org12345:q:6001'],
    [{ orgId: 'org12345', op: 'retention-set', a: '0' }, 'o:org12345:e:0'],
    [{ orgId: 'org12345', op: 'retention-set', a: '730' }, 'o:org12345:e:730'],
    [{ orgId: 'org12345', op: 'audit-csv', a: 'abcdefghij' }, 'o:org12345:v:abcdefghij'],
    [{ orgId: 'abcdefghij012345', op: 'member-sup', a: '9', b: 'abcdefghij012345' }, 'o:abcdefghij012345:t:9:abcdefghij012345'],
    [{ orgId: 'abcd', op: 'member-sup', a: 'abcdefghij012345', b: '0' }, 'o:abcd:t:abcdefghij012345:0'],
  ],
  'report-case': [
    [{ caseId: 'abcd' }, 'lp:abcd'],
    [{ caseId: 'k3j4h5m6n7' }, 'lp:k3j4h5m6n7'],
    [{ caseId: 'abcdefghij012345' }, 'lp:abcdefghij012345'],
    [{ caseId: 'abcd1234' }, 'lp:abcd1234'], // from the export test
  ],
  'report-make': [
    [{ caseId: 'k3j4h5m6n7', what: 'docx' }, 'lk:k3j4h5m6n7:d'],
    [{ caseId: 'k3j4h5m6n7', what: 'pdf' }, 'lk:k3j4h5m6n7:p'],
    [{ caseId: 'k3j4h5m6n7', what: 'chart' }, 'lk:k3j4h5m6n7:c'],
    [{ caseId: 'k3j4h5m6n7', what: 'term' }, 'lk:k3j4h5m6n7:t'],
    [{ caseId: 'k3j4h5m6n7', what: 'sup' }, 'lk:k3j4h5m6n7:s'],
    [{ caseId: 'abcd1234', what: 'docx' }, 'lk:abcd1234:d'], // from the export test
    [{ caseId: 'abcd1234', what: 'pdf' }, 'lk:abcd1234:p'], // from the export test
    [{ caseId: 'abcd1234', what: 'chart' }, 'lk:abcd1234:c'], // from the export test
    [{ caseId: 'abcd1234', what: 'term' }, 'lk:abcd1234:t'], // from the export test
  ],
  'report-of': [
    [{ workerId: 6001, caseId: 'k3j4h5m6n7', what: 'docx' }, 'lo:6001:k3j4h5m6n7:d'],
    [{ workerId: 6001, caseId: 'k3j4h5m6n7', what: 'pdf' }, 'lo:6001:k3j4h5m6n7:p'],
    [{ workerId: U, caseId: 'abcdefghij012345', what: 'chart' }, 'lo:999999999999999:abcdefghij012345:c'],
    [{ workerId: 6001, caseId: 'k3j4h5m6n7', what: 'sup' }, 'lo:6001:k3j4h5m6n7:s'],
  ],
  'report-docs': [
    [{ caseId: 'k3j4h5m6n7' }, 'ld:k3j4h5m6n7'],
  ],
  'report-doc': [
    [{ caseId: 'k3j4h5m6n7', template: 'pkl-log-kegiatan', format: 'docx' }, 'lt:k3j4h5m6n7:pkl-log-kegiatan:d'],
    [{ caseId: 'abcdefghij012345', template: 'atensi-rencana-intervensi', format: 'pdf' }, 'lt:abcdefghij012345:atensi-rencana-intervensi:p'],
  ],
  'report-page': [
    [{ page: 0 }, 'll:0'],
    [{ page: 3 }, 'll:3'],
    [{ page: 999 }, 'll:999'],
  ],
  'export-range': [
    [{ range: 'this-month' }, 'xr:m'],
    [{ range: 'last-month' }, 'xr:p'],
    [{ range: 'last-3-months' }, 'xr:q'],
    [{ range: 'all' }, 'xr:a'],
  ],
  'case-delete': [
    [{ caseId: 'k3j4h5m6n7', confirm: false }, 'dq:k3j4h5m6n7'],
    [{ caseId: 'k3j4h5m6n7', confirm: true }, 'dy:k3j4h5m6n7'],
    [{ caseId: 'abcdefghij012345', confirm: true }, 'dy:abcdefghij012345'],
    [{ caseId: 'abcd1234', confirm: false }, 'dq:abcd1234'], // from the export test
    [{ caseId: 'abcd1234', confirm: true }, 'dy:abcd1234'], // from the export test
  ],
  'adm-case': [
    [{ orgId: 'org12345', op: 'list', workerId: 6001 }, 'ac:org12345:l:6001'],
    [{ orgId: 'org12345', op: 'list', workerId: U }, 'ac:org12345:l:999999999999999'],
    [{ orgId: 'org12345', op: 'card', workerId: 6001, caseId: 'k3j4h5m6n7' }, 'ac:org12345:c:6001:k3j4h5m6n7'],
    [{ orgId: 'org12345', op: 'del', workerId: 6001, caseId: 'k3j4h5m6n7' }, 'ac:org12345:d:6001:k3j4h5m6n7'],
    [{ orgId: 'org12345', op: 'del-yes', workerId: 6001, caseId: 'k3j4h5m6n7' }, 'ac:org12345:y:6001:k3j4h5m6n7'],
    [{ orgId: 'org12345', op: 'move', workerId: 6001, caseId: 'k3j4h5m6n7' }, 'ac:org12345:m:6001:k3j4h5m6n7'],
    [{ orgId: 'org12345', op: 'move-to', workerId: 6001, caseId: 'k3j4h5m6n7', to: 6002 }, 'ac:org12345:t:6001:k3j4h5m6n7:6002'],
    [{ orgId: 'org12345', op: 'move-to', workerId: 0, caseId: 'abcd', to: 0 }, 'ac:org12345:t:0:abcd:0'],
    [{ orgId: 'abcdefghij', op: 'move-to', workerId: U, caseId: 'k3j4h5m6n7', to: U }, 'ac:abcdefghij:t:999999999999999:k3j4h5m6n7:999999999999999'],
    [{ orgId: 'org12345', op: 'list', workerId: 123456789012345 }, 'ac:org12345:l:123456789012345'], // from the export test
    [{ orgId: 'org12345', op: 'del-yes', workerId: 6001, caseId: 'abcdefghij' }, 'ac:org12345:y:6001:abcdefghij'], // from the export test
    [{ orgId: 'org12345', op: 'move-to', workerId: 123456789012345, caseId: 'abcdefghij', to: 123456789012345 }, 'ac:org12345:t:123456789012345:abcdefghij:123456789012345'], // from the export test
    [{ orgId: 'org12345', op: 'end', workerId: 6001, caseId: 'k3j4h5m6n7' }, 'ac:org12345:e:6001:k3j4h5m6n7'],
  ],
  'adm-end': [
    [{ orgId: 'org12345', workerId: 6001, caseId: 'k3j4h5m6n7', reason: 6 }, 'ae:org12345:6001:k3j4h5m6n7:6'],
    [{ orgId: 'abcdefghijklmnop', workerId: U, caseId: 'abcdefghijklmnop', reason: 999 }, 'ae:abcdefghijklmnop:999999999999999:abcdefghijklmnop:999'],
  ],
  'my-data': [
    [{ confirm: false }, 'md:0'],
    [{ confirm: true }, 'md:1'],
  ],
  team: [
    [{ op: 'list', orgId: 'org12345', page: 0 }, 'tl:org12345:0'],
    [{ op: 'worker', orgId: 'org12345', page: 0, workerId: U }, `tw:org12345:0:${U}`],
    [{ op: 'cases', orgId: 'org12345', page: 999, workerId: 7, filter: 'all' }, 'tc:org12345:999:7:a'],
    [{ op: 'cases', orgId: 'org12345', page: 1, workerId: 7, filter: 'overdue' }, 'tc:org12345:1:7:o'],
    [{ op: 'cases', orgId: 'org12345', page: 1, workerId: 7, filter: 'flagged' }, 'tc:org12345:1:7:f'],
    [{ op: 'cases', orgId: 'org12345', page: 1, workerId: 7, filter: 'stuck' }, 'tc:org12345:1:7:s'],
    [{ op: 'cases', orgId: 'org12345', page: 1, workerId: 7, filter: 'risks' }, 'tc:org12345:1:7:r'],
    [{ op: 'case', orgId: 'abcdefghij012345', page: 2, workerId: U, filter: 'awaiting', caseId: 'abcdefghij012345' }, `tk:abcdefghij012345:2:${U}:w:abcdefghij012345`],
  ],
  flow: [
    [{ orgId: 'org12345', op: 'publish', ref: 'k3j4h5m6' }, 'fl:org12345:p:k3j4h5m6'],
    [{ orgId: 'org12345', op: 'cancel', ref: 'k3j4h5m6' }, 'fl:org12345:c:k3j4h5m6'],
    [{ orgId: 'org12345', op: 'list', ref: '0' }, 'fl:org12345:l:0'],
    [{ orgId: 'org12345', op: 'list', ref: '2' }, 'fl:org12345:l:2'],
    [{ orgId: 'org12345', op: 'hide', ref: 'ipwl-reintegration' }, 'fl:org12345:h:ipwl-reintegration'],
    [{ orgId: 'org12345', op: 'show', ref: 'ipwl-reintegration' }, 'fl:org12345:s:ipwl-reintegration'],
    [{ orgId: 'org12345', op: 'retire', ref: 'konseling-adiksi-remaja-x' }, 'fl:org12345:r:konseling-adiksi-remaja-x'],
    [{ orgId: 'abcdefghij012345', op: 'retire', ref: 'aaaaaaaaaaaaaaaa----------------' }, 'fl:abcdefghij012345:r:aaaaaaaaaaaaaaaa----------------'],
    [{ orgId: 'abcd1234', op: 'publish', ref: 'k3j4h5' }, 'fl:abcd1234:p:k3j4h5'], // from the export test
    [{ orgId: 'abcd1234', op: 'cancel', ref: 'k3j4h5' }, 'fl:abcd1234:c:k3j4h5'], // from the export test
    [{ orgId: 'abcd1234', op: 'list', ref: '0' }, 'fl:abcd1234:l:0'], // from the export test
    [{ orgId: 'abcd1234', op: 'hide', ref: 'ipwl-reintegration' }, 'fl:abcd1234:h:ipwl-reintegration'], // from the export test
    [{ orgId: 'abcd1234', op: 'show', ref: 'ipwl-reintegration' }, 'fl:abcd1234:s:ipwl-reintegration'], // from the export test
    [{ orgId: 'abcd1234', op: 'retire', ref: 'konseling-adiksi-remaja-x' }, 'fl:abcd1234:r:konseling-adiksi-remaja-x'], // from the export test
  ],
  'form-admin': [
    [{ orgId: 'org12345', op: 'show' }, 'zf:org12345:s'],
    [{ orgId: 'org12345', op: 'publish', ref: 'k3j4h5m6' }, 'zf:org12345:p:k3j4h5m6'],
    [{ orgId: 'org12345', op: 'cancel', ref: 'k3j4h5m6' }, 'zf:org12345:c:k3j4h5m6'],
    [{ orgId: 'org12345', op: 'remove' }, 'zf:org12345:r'],
    [{ orgId: 'abcdefghij012345', op: 'remove-yes' }, 'zf:abcdefghij012345:y'],
  ],
  'form-make': [[{ caseId: 'k3j4h5m6n7' }, 'zx:k3j4h5m6n7']],
  letterhead: [
    [{ orgId: 'org12345', op: 'show' }, 'kh:org12345:s'],
    [{ orgId: 'org12345', op: 'address' }, 'kh:org12345:a'],
    [{ orgId: 'org12345', op: 'logo' }, 'kh:org12345:l'],
    [{ orgId: 'org12345', op: 'logo-remove' }, 'kh:org12345:r'],
    [{ orgId: 'org12345', op: 'paper-a4' }, 'kh:org12345:p'],
    [{ orgId: 'abcdefghij012345', op: 'paper-f4' }, 'kh:abcdefghij012345:f'],
  ],
  'period-monthly': [
    [{ orgId: 'org12345', workerId: 6001, step: 'menu' }, 'bm:org12345:6001:m'],
    [{ orgId: 'org12345', workerId: 0, step: 'this' }, 'bm:org12345:0:t'],
    [{ orgId: 'abcdefghij012345', workerId: U, step: 'last' }, 'bm:abcdefghij012345:999999999999999:l'],
    [{ orgId: 'org12345', workerId: 6001, step: 'range' }, 'bm:org12345:6001:r'],
  ],
  'period-recap': [
    [{ orgId: 'org12345', step: 'menu' }, 'br:org12345:m'],
    [{ orgId: 'org12345', step: 'range' }, 'br:org12345:r'],
  ],
  'period-case': [
    [{ caseId: 'k3j4', step: 'this' }, 'bc:k3j4:t'],
    [{ caseId: 'k3j4h5m6n7p8q9r0', step: 'last' }, 'bc:k3j4h5m6n7p8q9r0:l'],
  ],
  'period-workers': [
    [{ orgId: 'org12345', page: 0 }, 'bs:org12345:0'],
    [{ orgId: 'org12345', page: 999 }, 'bs:org12345:999'],
  ],
  'monthly-make': [
    [{ orgId: 'org12345', workerId: 6001, from: '2026-10-01', to: '2026-10-31', format: 'pdf' }, 'bw:org12345:6001:20261001:20261031:p'],
    [{ orgId: 'abcdefghij012345', workerId: U, from: '2025-12-01', to: '2026-01-15', format: 'both' }, 'bw:abcdefghij012345:999999999999999:20251201:20260115:b'],
  ],
  'recap-make': [[{ orgId: 'abcdefghij012345', from: '2026-02-01', to: '2026-02-28', format: 'docx' }, 'bx:abcdefghij012345:20260201:20260228:d']],
  'case-period-make': [[{ caseId: 'k3j4h5m6n7p8q9r0', from: '2024-02-29', to: '2024-03-31', format: 'pdf' }, 'bk:k3j4h5m6n7p8q9r0:20240229:20240331:p']],
};

const ROWS = (Object.entries(SAMPLES) as [Kind, readonly (readonly [object, string])[]][]).flatMap(([kind, rows]) =>
  rows.map(([fields, data]) => ({ action: { kind, ...fields } as Action, data })),
);

describe('every kind of button', () => {
  it('the samples cover every kind in the registry, in several samples where fields vary', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(KINDS).sort());
    expect(ROWS.length).toBeGreaterThanOrEqual(150);
  });

  it.each(ROWS.map((r) => [r.action.kind, r.data, r.action] as const))('%s %s: pinned data, round trip, 64 bytes', (_kind, data, action) => {
    expect(encode(action)).toBe(data);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(decode(data)).toStrictEqual(action);
    expect(decode(encode(action))).toStrictEqual(action);
  });

  it('the reminder pause button keeps its own meaning', () => {
    expect(decode('rp:1')).toEqual({ kind: 'rem-pause', paused: true });
  });

  it("an update reads the case's notes for history, a history note, a note edit and a case deletion, and only those", () => {
    const wants = new Set<Kind>(['history', 'history-note', 'note-edit', 'case-delete']);
    for (const { action } of ROWS) {
      expect(readsOf(action).notesOf, action.kind).toBe(wants.has(action.kind) ? (action as { caseId: string }).caseId : undefined);
    }
  });
});

const ID17 = 'abcdefghij0123456';
const MALFORMED: string[] = [
  // from the former test/export/callback-data.test.ts (its samples are in SAMPLES, marked)
  'lk:abcd1234:z', 'lk:AB:p', 'xr:z', 'll:x', 'lp:', 'dy:', 'md:2', 'ac:org12345:z:1', 'ac:org12345:l:x', 'ac:org12345:t:1:abcd1234:y',
  // empty, no tag, unknown tags (and tags that differ only in case or by a letter)
  '', ':', '::', 'm', 'zz:abcd1234', 'M:home', 'mm:home', 's:1:abcd1234:efgh5678', 'sx:1:abcd1234:efgh5678', 'sa', 'd:abcd1234', 'dn:abcd1234',
  'r:abcd1234:0', 'rz', 'Cn:abcd1234', ' m:home', 'm :home', 'constructor', '__proto__:x', 'toString:abcd1234',
  // missing fields
  'm:', 'cn', 'cg:abcd1234', 'f:x9y8z7:c:1', 'h:abcd1234', 'hn:abcd1234', 'mv:abcd1234:1', 'sa:6001:abcd1234', 'o:org12345', 'fl:org12345:p', 'ac:org12345:l', 'rc:abcd1234',
  // extra or empty fields
  'm:home:x', 'cn:abcd1234:x', 'cn:abcd1234:', 'k:abcd1234:abcd1234', 'f:x9y8z7:c:1:2:3', 'rp:1:', 'rd:1:1', 'md:1:1', 'l:id:en', 'xr:m:m',
  'sa:6001:abcd1234:efgh5678:1:2', 'sa:6001:abcd1234:efgh5678:', 'o:org12345:o:1:2:3', 'o:org12345:u:', 'o:org12345:o::admin', 'o:org12345:m:',
  'fl:org12345:p:ref:x', 'fl:org12345:p:', 'ac:org12345:t:1:abcd1234:2:3', 'ac:org12345:l:1:', 'ac:org12345:t:1::2', 'dq:abcd1234:1', 'rz:abcd1234:1:1',
  // a value outside its set (including the names every object has)
  'm:Home', 'm:start', 'l:fr', 'l:ID', 'dr:keep:abcd1234', 'rw:wet', 'rw:WIB', 'rm:week', 'rc:abcd1234:d', 'rc:abcd1234:weekly', 'cp:x:1', 'cp:note:1', 'cp:k:1',
  'f:x9y8z7:z:1:1', 'f:x9y8z7:C:1:1', 'o:org12345:z', 'o:org12345:member', 'fl:org12345:z:abcd', 'fl:org12345:publish:abcd', 'ac:org12345:list:1',
  'lk:abcd1234:docx', 'xr:all', 'rp:true', 'md:yes', 'rp:', 'md:01',
  'xr:toString', 'xr:__proto__', 'xr:constructor', 'cp:constructor:1', 'cp:hasOwnProperty:1', 'o:org12345:toString', 'o:org12345:__proto__',
  'lk:abcd1234:constructor', 'fl:org12345:__proto__:abcd', 'ac:org12345:valueOf:1', 'rc:abcd1234:toString', 'm:constructor', 'rm:__proto__', 'f:x9y8z7:constructor:1:1',
  // numbers out of range, malformed or not canonical (a leading zero, a sign, a fraction, an exponent, blanks)
  'rd:0', 'rd:8', 'rd:07', 'rh:24', 'rh:99', 'rh:-1', 'rh:09', 'll:1000', 'll:-1', 'll:1.5', 'll:1e2', 'll: 1', 'll:1 ', 'll:0x1', 'll:00', 'll:01', 'll:+1', 'll:١',
  'h:abcd1234:1000', 'h:abcd1234:007', 'cg:abcd1234:1000', 'er:abcd1234:-0', 'mv:abcd1234:1:1000', 'mv:abcd1234:01:1', 'f:x9y8z7:c:1000:0', 'f:x9y8z7:c:0:1000', 'f:x9y8z7:c:00:0',
  'cp:n:1000', 'cp:n:01', 'sa:6001:abcd1234:efgh5678:1000', 'sa:6001:abcd1234:efgh5678:01', 'sa:6001:abcd1234:efgh5678:x',
  'sa:1000000000000000:abcd1234:efgh5678', 'sa:06001:abcd1234:efgh5678', 'sa:-1:abcd1234:efgh5678', 'sa:6001.5:abcd1234:efgh5678',
  'ac:org12345:l:1000000000000000', 'ac:org12345:l:01', 'ac:org12345:t:1:abcd1234:1000000000000000', 'ac:org12345:t:1:abcd1234:02',
  'rz:abcd1234:2gosa7pa2gw', 'rz:abcd1234:zzzzzzzzzzz', 'rz:abcd1234:zzzzzzzzzzzz', 'rz:abcd1234:0a', 'rz:abcd1234:00', 'rz:abcd1234:A', 'rz:abcd1234:-1', 'rz:abcd1234:', 'rx:abcd1234:1.5',
  // ids and words: too short, too long, capitals, other characters
  'cn:abc', `cn:${ID17}`, 'cn:ABCD1234', 'cn:abcd-123', 'cn:abcd_123', 'cn:abcd 123', 'cn:abcdé123', 'hn:abcd1234:abc', `hn:${ID17}:abcd1234`, 'f:abc:c:1:1', 'dr:resume:abc',
  'lv:org', `lv:${ID17}`, 'o:org:m', 'o:org12345:u:ABC', `o:org12345:u:${ID17}`, 'o:org12345:u:a-b', `o:org12345:t:6001:${ID17}`, 'ac:org:l:1', 'ac:org12345:c:1:abc',
  'fl:org12345:p:' + 'a'.repeat(33), 'fl:org12345:p:Ab', 'fl:org12345:p:a_b', 'fl:org12345:p:a.b', 'fl:org:p:abcd', 'sa:6001:abc:efgh5678', 'sa:6001:abcd1234:efg',
  // the letterhead's screen: no operation, an unknown one, an extra field
  'kh:org12345', 'kh:org12345:z', 'kh:org12345:show', 'kh:org12345:s:x', 'kh:org:s',
  // a day that is no date, or not written as eight digits
  'bk:abcd1234:20261301:20261131:p', 'bk:abcd1234:20250229:20250301:p', 'bk:abcd1234:2026-10-01:20261031:p', 'bk:abcd1234:2026101:20261031:p', 'bw:org12345:1:20261001:20261031:x',
  // more than Telegram's 64 bytes (every field alone is valid)
  `ac:${'a'.repeat(16)}:t:${U}:${'b'.repeat(16)}:${1_000_000_000}`, `ac:${'a'.repeat(16)}:t:${U}:${'b'.repeat(16)}:${U}`, 'x'.repeat(65), `m:home${':'.repeat(60)}`,
];

describe('malformed data', () => {
  it.each(MALFORMED.map((d) => [d]))('refuses %j', (data) => {
    expect(decode(data)).toBeUndefined();
  });

  it('refuses data that was valid but grew past 64 bytes', () => {
    const long = `ac:${'a'.repeat(16)}:t:${U}:${'b'.repeat(16)}:${1_000_000_000}`;
    expect(Buffer.byteLength(long)).toBe(65);
    expect(decode(long.replace(':1000000000', ':100000000'))).toBeDefined(); // 64 bytes: fine
  });
});

/** mulberry32: a small seeded generator, so a failure repeats. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    let t = (s = (s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('decode on random data', () => {
  const SEED = 15_2025;
  const next = rng(SEED);
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T,>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const DATA = ROWS.map((r) => r.data);
  const SEGMENTS = [...new Set(DATA.flatMap((d) => d.split(':'))), '', '0', '00', '01', '999', '1000', '-1', U.toString(), '1'.repeat(16), 'constructor', '__proto__'];
  const CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789:::--_ ACDKMZ.+é☃\u0000\u200b';

  function mutate(data: string): string {
    let s = data;
    for (let n = 1 + int(3); n > 0; n--) {
      const at = int(s.length + 1);
      const parts = s.split(':');
      const i = int(parts.length);
      switch (int(11)) {
        case 0: s = s.slice(0, at) + pick([...CHARS]) + s.slice(at + 1); break; // replace a character
        case 1: s = s.slice(0, at) + pick([...CHARS]) + s.slice(at); break; // insert one
        case 2: s = s.slice(0, at) + s.slice(at + 1); break; // delete one
        case 3: s = s.slice(0, at); break; // truncate
        case 4: parts.splice(i, 0, parts[i]!); s = parts.join(':'); break; // a field twice
        case 5: parts.splice(i, 1); s = parts.join(':'); break; // a field dropped
        case 6: parts[i] = pick(SEGMENTS); s = parts.join(':'); break; // a field from other data
        case 7: { const j = int(parts.length); [parts[i], parts[j]] = [parts[j]!, parts[i]!]; s = parts.join(':'); break; } // two swapped
        case 8: s = `${s}:${pick(SEGMENTS)}`; break; // a field more
        case 9: s = `${pick(DATA).split(':')[0]}:${parts.slice(1).join(':')}`; break; // another kind's tag
        default: parts[i] = `0${parts[i]}`; s = parts.join(':'); break; // a leading zero
      }
    }
    return s;
  }

  it(`never throws, and what it accepts is canonical (seed ${SEED}, 5,000 strings)`, () => {
    const problems: string[] = [];
    let accepted = 0;
    for (let n = 0; n < 5_000; n++) {
      const data = n % 10 === 0 ? Array.from({ length: int(70) }, () => pick([...CHARS])).join('') : mutate(pick(DATA));
      let a: Action | undefined;
      try {
        a = decode(data);
      } catch (err) {
        problems.push(`${JSON.stringify(data)} threw ${String(err)}`);
        continue;
      }
      if (a === undefined) continue;
      accepted++;
      const again = encode(a);
      if (again !== data) problems.push(`${JSON.stringify(data)} decoded to ${JSON.stringify(a)}, which encodes to ${JSON.stringify(again)}`);
      else if (JSON.stringify(decode(again)) !== JSON.stringify(a)) problems.push(`${JSON.stringify(data)} does not decode the same twice`);
      if (Buffer.byteLength(data) > 64) problems.push(`${JSON.stringify(data)} accepted at ${Buffer.byteLength(data)} bytes`);
    }
    expect(problems.slice(0, 20)).toEqual([]);
    // the mutations reach both sides: some still valid, most refused
    expect(accepted).toBeGreaterThan(300);
    expect(accepted).toBeLessThan(4_000);
  });
});

describe('what a button reads (src/bot/read-plan.ts)', () => {
  it.each<[Action, ReadPlan]>([
    [{ kind: 'review', op: 'approve', workerId: 6001, caseId: 'abcd1234', noteId: 'note1234', version: 2 }, { otherNote: { workerId: 6001, caseId: 'abcd1234', noteId: 'note1234' } }],
    [{ kind: 'adm-case', orgId: 'org12345', op: 'card', workerId: 6001, caseId: 'abcd1234' }, { org: 'org12345', owner: { workerId: 6001, caseId: 'abcd1234' } }],
    [{ kind: 'adm-case', orgId: 'org12345', op: 'list', workerId: 6001 }, { org: 'org12345', owner: { workerId: 6001, caseId: undefined } }],
    [{ kind: 'org', orgId: 'org12345', op: 'members' }, { org: 'org12345' }],
    [{ kind: 'org', orgId: 'org12345', op: 'member-remove-yes', a: '6001' }, { org: 'org12345', owner: { workerId: 6001 } }],
    [{ kind: 'org', orgId: 'org12345', op: 'member-remove-yes', a: 'abc' }, { org: 'org12345' }],
    [{ kind: 'adm-end', orgId: 'org12345', workerId: 6001, caseId: 'abcd1234', reason: 1 }, { org: 'org12345', owner: { workerId: 6001, caseId: 'abcd1234' } }],
    [{ kind: 'leave', orgId: 'org12345' }, { org: 'org12345' }],
    [{ kind: 'note-case', caseId: 'abcd1234' }, { sessionCases: true, caseIds: ['abcd1234'] }],
    [{ kind: 'history-note', caseId: 'abcd1234', noteId: 'note1234' }, { notesOf: 'abcd1234', reviewLogOf: 'note1234' }],
    [{ kind: 'history', caseId: 'abcd1234', page: 0 }, { notesOf: 'abcd1234', caseRisks: { workerId: 1, caseId: 'abcd1234' } }],
    [{ kind: 'menu', item: 'home' }, {}],
    // an answer reads the draft's case alone; 💾 Simpan every case (the ceiling of active cases)
    [{ kind: 'form', token: 'abc123', op: 'c', q: 1, a: 0 }, { sessionCases: true }],
    [{ kind: 'form', token: 'abc123', op: 'v', q: 0, a: 0 }, {}],
  ])('%o', (action, reads) => {
    expect(readsOf(action)).toEqual(reads);
  });
});
