-- Claims one supervisor's weekly digest. KEYS[1] = the week's guard key; ARGV[1] = job id,
-- ARGV[2] = claim ms. The value is "<jobId>#<pages sent>" while a run holds it, "sent" once done.
-- Returns the pages this job already sent (0 for a fresh claim), -1 when the digest was sent, -2
-- when another run holds it.
local holder = redis.call('GET', KEYS[1])
if not holder then
  redis.call('SET', KEYS[1], ARGV[1] .. '#0', 'PX', ARGV[2])
  return 0
end
if holder == 'sent' then return -1 end
local prefix = ARGV[1] .. '#'
if string.sub(holder, 1, #prefix) == prefix then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return tonumber(string.sub(holder, #prefix + 1))
end
return -2
