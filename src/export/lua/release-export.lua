-- An export ended (sent or failed): its user's slot is freed if this job holds it, and the job no
-- longer counts in its user's rank of queued exports.
-- KEYS[1] the user's export-running key, KEYS[2] the user's exports-queued sorted set; ARGV[1] job id
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
redis.call('ZREM', KEYS[2], ARGV[1])
return 1
