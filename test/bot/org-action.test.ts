// The organisation screens' buttons as typed actions: each round-trips through the wire format its
// buttons already have in admins' chats, and one whose arguments do not fit its operation is none.
import { describe, expect, it } from 'vitest';
import { orgAction, orgButton, type OrgAction } from '../../src/bot/features/organisation/org-action.ts';
import { decode } from '../../src/telegram/callback-data.ts';

const parse = (data: string) => {
  const a = decode(data);
  return a?.kind === 'org' ? orgAction(a) : undefined;
};

describe('organisation actions', () => {
  it.each<[OrgAction, string]>([
    [{ op: 'menu' }, 'o:org12345:m'],
    [{ op: 'member', userId: 6001 }, 'o:org12345:u:6001'],
    [{ op: 'member-role', userId: 6001, role: 'supervisor' }, 'o:org12345:o:6001:supervisor'],
    [{ op: 'member-sup', userId: 6001, supervisorId: 5001 }, 'o:org12345:t:6001:5001'],
    [{ op: 'invite-make', role: 'worker', kind: 'm' }, 'o:org12345:c:worker:m'],
    [{ op: 'invite-revoke', inviteId: 'abcdef0123456789' }, 'o:org12345:x:abcdef0123456789'],
    [{ op: 'retention-set', days: 365 }, 'o:org12345:e:365'],
    [{ op: 'audit-csv', caseId: 'k3j4h5m6n7' }, 'o:org12345:v:k3j4h5m6n7'],
    [{ op: 'audit-csv' }, 'o:org12345:v'],
  ])('%o is written as before and read back', (x, data) => {
    expect(orgButton('org12345', x)).toBe(data);
    expect(parse(data)).toEqual(x);
  });

  it('refuses arguments that do not fit the operation', () => {
    for (const data of ['o:org12345:u', 'o:org12345:u:abc', 'o:org12345:o:6001:boss', 'o:org12345:o:6001', 'o:org12345:t:6001:x', 'o:org12345:c:worker:z', 'o:org12345:c:boss:s', 'o:org12345:x', 'o:org12345:e:many']) {
      expect(parse(data), data).toBeUndefined();
    }
  });
});
