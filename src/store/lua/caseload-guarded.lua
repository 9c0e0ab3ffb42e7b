-- The caseload rebuild's entries that others' writes change without the worker's revision (a
-- supervisor's approval, a risk's follow-up): added only if still true now, in one atomic call.
-- Last, the index is marked built at this version.
-- KEYS[1] = review states, KEYS[2] = ix:awaiting, KEYS[3] = ix:risks, KEYS[4] = ix:untaken,
-- KEYS[5] = ix:stage, KEYS[6] = the built mark, KEYS[7..] = risk hashes.
-- ARGV[1] = the index version ('' but in the last call), ARGV[2] = how many notes; per note: note id, member, score; then per
-- alert: key index, risk id, case id, member.
local i = 3
for _ = 1, tonumber(ARGV[2]) do
  if redis.call('HGET', KEYS[1], ARGV[i]) == 'menunggu' then redis.call('ZADD', KEYS[2], ARGV[i + 2], ARGV[i + 1]) end
  i = i + 3
end
while i <= #ARGV do
  local k, rid, case, member = KEYS[tonumber(ARGV[i])], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  -- an open alert of a case still active (ending a case takes its alerts out of the index)
  if redis.call('HEXISTS', KEYS[5], case) == 1 and redis.call('HEXISTS', k, rid) == 1 and redis.call('HEXISTS', k, rid .. ':done') == 0 then
    redis.call('ZADD', KEYS[3], 0, member)
    if redis.call('HEXISTS', k, rid .. ':taken') == 0 then redis.call('ZADD', KEYS[4], 0, member) end
  end
  i = i + 4
end
-- the last call of a rebuild marks it built (the others pass '')
if ARGV[1] ~= '' then redis.call('SET', KEYS[6], ARGV[1]) end
return 1
