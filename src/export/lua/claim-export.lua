-- Takes a user's export slot (one export at a time per user) for a job, or keeps it when that job
-- already holds it (BullMQ handed a stalled job to another worker).
-- KEYS[1] the user's export-running key; ARGV[1] job id; ARGV[2] how long it is held at most (ms)
-- Returns 1 when the job holds the slot, 0 when another job of the user does.
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
