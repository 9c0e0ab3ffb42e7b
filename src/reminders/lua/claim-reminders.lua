-- Claims the guard keys of one reminder job: a key free, or already held by this same job (BullMQ
-- running it again after a crash), is taken; a key another job holds, or marked sent, is not.
-- KEYS = the guard keys; ARGV[1] = job id, ARGV[2] = claim ms. Returns 1 or 0 per key.
local out = {}
for i, key in ipairs(KEYS) do
  local holder = redis.call('GET', key)
  if not holder or holder == ARGV[1] then
    redis.call('SET', key, ARGV[1], 'PX', ARGV[2])
    out[i] = 1
  else
    out[i] = 0
  end
end
return out
