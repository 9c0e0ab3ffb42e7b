-- Reads what an update needs of its user's own keys, in one command (all in the user's slot).
-- KEYS: 1 session, 2 cases, 3 blocked, 4 membership, 5 supervisors, 6 workers, 7 the supervisors
--       suspended by an admin (messages to them pause), then only those asked for, in this order: one case's notes and the review states (ARGV[1]), one note's
--       review log (ARGV[2]), the user's lock (ARGV[3]).
-- ARGV: 1 '1' to read the notes and review states, 2 '1' to read the review log,
--       3 the lock token ('' for no lock), 4 the lock's ms,
--       5 '1' to read only the cases the session names (its `cases` field: ids, comma-separated)
--         and those of ARGV[6] (ids, comma-separated), when there are any: an answer to the draft's
--         question touches the draft's case alone, a press on a case that case.
-- Returns, in order: the lock taken (1/0), session rev/data/upd/updAt, cases (flat), blocked (1/0),
-- membership (flat), supervisors, workers, notes (flat) or false, review states (flat) or false,
-- review log or false, 1 when only the named cases were read (0: all of them), suspended supervisors.
-- The lock is taken first, so what follows is read under it.
local at = 8
local notesKey, statesKey, logKey, lockKey
if ARGV[1] == '1' then notesKey, statesKey, at = KEYS[at], KEYS[at + 1], at + 2 end
if ARGV[2] == '1' then logKey, at = KEYS[at], at + 1 end
if ARGV[3] ~= '' then lockKey = KEYS[at] end
local locked = 0
if lockKey then
  if redis.call('SET', lockKey, ARGV[3], 'PX', ARGV[4], 'NX') then locked = 1 end
end
local notes, states, log = false, false, false
if notesKey then
  notes = redis.call('HGETALL', notesKey)
  states = redis.call('HGETALL', statesKey)
end
if logKey then log = redis.call('LRANGE', logKey, 0, -1) end
local cases, some = nil, 0
local named = false
if ARGV[5] == '1' then
  local own = redis.call('HGET', KEYS[1], 'cases')
  if own and ARGV[6] ~= '' then named = own .. ',' .. ARGV[6] else named = own or (ARGV[6] ~= '' and ARGV[6]) end
end
if named then
  some = 1
  cases = {}
  for id in string.gmatch(named, '[^,]+') do
    local sealed = redis.call('HGET', KEYS[2], id)
    if sealed then
      cases[#cases + 1] = id
      cases[#cases + 1] = sealed
    end
  end
else
  cases = redis.call('HGETALL', KEYS[2])
end
-- a user in no organisation has no supervisors or workers to read (the reader ignores them then)
local member = redis.call('HGETALL', KEYS[4])
local sups, workers, paused = {}, {}, {}
if #member > 0 then
  sups = redis.call('SMEMBERS', KEYS[5])
  workers = redis.call('SMEMBERS', KEYS[6])
  paused = redis.call('SMEMBERS', KEYS[7])
end
return {
  locked,
  redis.call('HMGET', KEYS[1], 'rev', 'data', 'upd', 'updAt'),
  cases,
  redis.call('EXISTS', KEYS[3]),
  member,
  sups,
  workers,
  notes, states, log, some,
  paused,
}
