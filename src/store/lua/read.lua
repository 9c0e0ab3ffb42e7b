-- Reads what an update needs of its user's own keys, in one command (all in the user's slot).
-- KEYS: 1 session, 2 cases, 3 blocked, 4 membership (the active organisation), 5 every membership,
--       6 the cases' organisations, then only those asked for, in this order: one case's notes and
--       the review states (ARGV[1]), one note's review log (ARGV[2]), the user's lock (ARGV[3]).
-- ARGV: 1 '1' to read the notes and review states, 2 '1' to read the review log,
--       3 the lock token ('' for no lock), 4 the lock's ms,
--       5 '1' to read only the cases the session names (its `cases` field: ids, comma-separated)
--         and those of ARGV[6] (ids, comma-separated), when there are any: an answer to the draft's
--         question touches the draft's case alone, a press on a case that case.
--       7 the start of the user's per-organisation keys (keys.orgBase): the active organisation's
--         supervisors, workers and suspended supervisors are read under it once the membership names
--         the organisation (the same slot as the declared keys).
--       8 the case whose notes ARGV[1] asks for (read only when it is the active organisation's),
--       9 '1': the cases of every organisation the user is a member of and not suspended in (a job:
--         the reminders of all of them; never an update),
--       10 the organisation a pressed button names ('' for none; then the session's clear `org`, the
--         organisation its draft or a text it waits for belongs to): the update acts there when the
--         user is a member of it and not suspended in it.
-- Returns, in order: the lock taken (1/0), session rev/data/upd/updAt, cases (flat), blocked (1/0),
-- membership (flat), supervisors, workers, notes (flat) or false, review states (flat) or false,
-- review log or false, 1 when only the named cases were read (0: all of them), suspended supervisors,
-- every membership (flat). Only the active organisation's cases are returned (a user without one:
-- the cases of none), so nothing of another organisation reaches a handler.
-- The lock is taken first, so what follows is read under it.
local at = 7
local notesKey, statesKey, logKey, lockKey
if ARGV[1] == '1' then notesKey, statesKey, at = KEYS[at], KEYS[at + 1], at + 2 end
if ARGV[2] == '1' then logKey, at = KEYS[at], at + 1 end
if ARGV[3] ~= '' then lockKey = KEYS[at] end
local locked = 0
if lockKey then
  if redis.call('SET', lockKey, ARGV[3], 'PX', ARGV[4], 'NX') then locked = 1 end
end
-- The organisation worked in: the one the user chose (KEYS[4]'s orgId) while they are a member of
-- it, else the first of theirs by id they are not suspended in, else the first (removed from the
-- chosen one), else none — as workingOrg in src/store/org-records.ts. Its entry gives the role and
-- suspension; the membership is answered as one flat hash (orgId, role, suspended, lang). An entry
-- that does not decode counts as none.
local raw = redis.call('HGETALL', KEYS[5])
local entries, ids = {}, {}
for i = 1, #raw, 2 do
  local ok, e = pcall(cjson.decode, raw[i + 1])
  if ok and type(e) == 'table' and (e.role == 'admin' or e.role == 'supervisor' or e.role == 'worker') then
    entries[raw[i]] = e
    ids[#ids + 1] = raw[i]
  end
end
table.sort(ids)
local chosen, lang = unpack(redis.call('HMGET', KEYS[4], 'orgId', 'lang'))
local actsIn = ARGV[10]
if actsIn == '' then actsIn = redis.call('HGET', KEYS[1], 'org') or '' end
local active = ''
if actsIn ~= '' and entries[actsIn] and not entries[actsIn].suspended then active = actsIn end
if active == '' and chosen and entries[chosen] then active = chosen end
if active == '' then
  for _, id in ipairs(ids) do
    if active == '' and not entries[id].suspended then active = id end
  end
end
if active == '' and #ids > 0 then active = ids[1] end
local member = {}
if active ~= '' then
  local e = entries[active]
  member = { 'orgId', active, 'role', e.role }
  if e.suspended then member[#member + 1] = 'suspended'; member[#member + 1] = '1' end
end
if lang then member[#member + 1] = 'lang'; member[#member + 1] = lang end
local everyOrg = ARGV[9] == '1'
-- every organisation of theirs: those they are a member of and not suspended in (and no one's)
local theirs = { [''] = true }
if everyOrg then
  for _, id in ipairs(ids) do
    if not entries[id].suspended then theirs[id] = true end
  end
end
local function mine(org)
  if everyOrg then return theirs[org] == true end
  return org == active
end
local function ours(id)
  return mine(redis.call('HGET', KEYS[6], id) or '')
end
-- another organisation's case is not there for this update: nor are its notes
if notesKey and not ours(ARGV[8]) then notesKey = nil end
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
    if sealed and ours(id) then
      cases[#cases + 1] = id
      cases[#cases + 1] = sealed
    end
  end
else
  local all = redis.call('HGETALL', KEYS[2])
  local orgs = {}
  local tagged = redis.call('HGETALL', KEYS[6])
  for i = 1, #tagged, 2 do orgs[tagged[i]] = tagged[i + 1] end
  cases = {}
  for i = 1, #all, 2 do
    if mine(orgs[all[i]] or '') then
      cases[#cases + 1] = all[i]
      cases[#cases + 1] = all[i + 1]
    end
  end
end
-- a user in no organisation has no supervisors or workers to read (the reader ignores them then)
local sups, workers, paused = {}, {}, {}
if active ~= '' then
  local base = ARGV[7] .. active .. ':'
  sups = redis.call('SMEMBERS', base .. 'supervisors')
  workers = redis.call('SMEMBERS', base .. 'workers')
  paused = redis.call('SMEMBERS', base .. 'supervisors-suspended')
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
  raw,
}
