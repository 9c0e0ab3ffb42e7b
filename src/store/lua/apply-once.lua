-- KEYS[1] = guard, KEYS[2] = the key written; ARGV[1] = TTL, ARGV[2] = command, ARGV[3..] = arguments
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
  redis.call(ARGV[2], KEYS[2], unpack(ARGV, 3))
  return 1
end
return 0
