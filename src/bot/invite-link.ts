// An invitation link as Telegram delivers it: `/start <orgId>_<secret>`.
export function inviteCode(text: string | undefined): { orgId: string; secret: string } | undefined {
  const m = /^\/start(?:@\w+)? ([a-z0-9]{4,16})_([a-z0-9]{8,24})$/.exec(text?.trim() ?? '');
  return m ? { orgId: m[1]!, secret: m[2]! } : undefined;
}
