-- KEYS[1] = the key; ARGV[1] = kind (s string, h hash field, l list index, r a hash field renamed),
-- ARGV[2] = field or index, ARGV[3] = the value read, ARGV[4] = the new value, ARGV[5] = the new
-- field (r). 1 written, 0 changed meanwhile (left alone).
local kind = ARGV[1]
if kind == 's' then
  if redis.call('GET', KEYS[1]) ~= ARGV[3] then return 0 end
  redis.call('SET', KEYS[1], ARGV[4], 'KEEPTTL')
elseif kind == 'h' then
  if redis.call('HGET', KEYS[1], ARGV[2]) ~= ARGV[3] then return 0 end
  redis.call('HSET', KEYS[1], ARGV[2], ARGV[4])
elseif kind == 'r' then
  if redis.call('HGET', KEYS[1], ARGV[2]) ~= ARGV[3] then return 0 end
  redis.call('HDEL', KEYS[1], ARGV[2])
  redis.call('HSET', KEYS[1], ARGV[5], ARGV[4])
else
  if redis.call('LINDEX', KEYS[1], ARGV[2]) ~= ARGV[3] then return 0 end
  redis.call('LSET', KEYS[1], ARGV[2], ARGV[4])
end
return 1
