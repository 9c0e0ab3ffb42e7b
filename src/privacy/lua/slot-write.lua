-- KEYS[1] = the owner's session hash; KEYS[2..] = the other keys written (all in the owner's slot).
-- ARGV[1] = expected rev ('' = no check, no bump: a copy into a slot whose session it leaves alone),
-- ARGV[2] = the session's new sealed data ('' keeps it), then ops as in the commit script:
-- argument count n, command, key index, n arguments.
local rev = tonumber(redis.call('HGET', KEYS[1], 'rev') or '0')
if ARGV[1] ~= '' then
  if rev ~= tonumber(ARGV[1]) then return -1 end
  redis.call('HSET', KEYS[1], 'rev', rev + 1)
  rev = rev + 1
end
if ARGV[2] ~= '' then redis.call('HSET', KEYS[1], 'data', ARGV[2]) end
local i = 3
while i <= #ARGV do
  local n = tonumber(ARGV[i])
  redis.call(ARGV[i + 1], KEYS[tonumber(ARGV[i + 2])], unpack(ARGV, i + 3, i + 2 + n))
  i = i + 3 + n
end
return rev
