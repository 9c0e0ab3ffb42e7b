-- Claims the guard keys of one send (src/store/send-once.ts). A key that is free is taken; a key this
-- holder's earlier run still holds (BullMQ running the job again after a crash) is taken back, with
-- the steps that run recorded as sent; a key marked sent, or another's claim, is not.
-- KEYS = the guard keys; ARGV[1] = the holder ('' for none: nobody takes a claim back), ARGV[2] = claim ms.
-- Returns per key: n >= 0 claimed (n: the steps already sent), -1 sent, -2 another's claim.
local holder, out = ARGV[1], {}
for i, key in ipairs(KEYS) do
  local v = redis.call('GET', key)
  if not v then
    redis.call('SET', key, holder ~= '' and holder or 'sending', 'PX', ARGV[2])
    out[i] = 0
  elseif v == 'sent' then
    out[i] = -1
  elseif holder ~= '' and v == holder then
    redis.call('PEXPIRE', key, ARGV[2])
    out[i] = 0
  elseif holder ~= '' and string.sub(v, 1, #holder + 1) == holder .. '#' then
    redis.call('PEXPIRE', key, ARGV[2])
    out[i] = tonumber(string.sub(v, #holder + 2)) or 0
  else
    out[i] = -2
  end
end
return out
