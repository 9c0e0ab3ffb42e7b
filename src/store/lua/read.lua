-- Reads what an update needs of its user's own keys, in one command (all in the user's slot).
-- KEYS: 1 session, 2 cases, 3 blocked, 4 membership, 5 supervisors, 6 workers,
--       7 one case's notes, 8 review states, 9 one note's review log, 10 the user's lock.
-- ARGV: 1 '1' to read the notes and review states, 2 '1' to read the review log,
--       3 the lock token ('' for no lock), 4 the lock's ms.
-- Returns, in order: the lock taken (1/0), session rev/data/upd/updAt, cases (flat), blocked (1/0),
-- membership (flat), supervisors, workers, notes (flat) or false, review states (flat) or false,
-- review log or false. The lock is taken first, so what follows is read under it.
local locked = 0
if ARGV[3] ~= '' then
  if redis.call('SET', KEYS[10], ARGV[3], 'PX', ARGV[4], 'NX') then locked = 1 end
end
local notes, states, log = false, false, false
if ARGV[1] == '1' then
  notes = redis.call('HGETALL', KEYS[7])
  states = redis.call('HGETALL', KEYS[8])
end
if ARGV[2] == '1' then log = redis.call('LRANGE', KEYS[9], 0, -1) end
return {
  locked,
  redis.call('HMGET', KEYS[1], 'rev', 'data', 'upd', 'updAt'),
  redis.call('HGETALL', KEYS[2]),
  redis.call('EXISTS', KEYS[3]),
  redis.call('HGETALL', KEYS[4]),
  redis.call('SMEMBERS', KEYS[5]),
  redis.call('SMEMBERS', KEYS[6]),
  notes, states, log,
}
