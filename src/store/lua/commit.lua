-- KEYS[1] = session hash; KEYS[2..] = the other keys written (all in the user's slot).
-- ARGV[1] = expected rev, then ops: argument count n, command, key index, n arguments.
local rev = tonumber(redis.call('HGET', KEYS[1], 'rev') or '0')
if rev ~= tonumber(ARGV[1]) then return -1 end
-- the revision survives a deleted session, so a stale writer can never start over at 0
redis.call('HSET', KEYS[1], 'rev', rev + 1)
local i = 2
while i <= #ARGV do
  local n = tonumber(ARGV[i])
  redis.call(ARGV[i + 1], KEYS[tonumber(ARGV[i + 2])], unpack(ARGV, i + 3, i + 2 + n))
  i = i + 3 + n
end
return rev + 1
