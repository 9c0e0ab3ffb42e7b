-- One user, from one membership to one per organisation (src/store/migrate-memberships.ts).
-- KEYS: 1 membership, 2 memberships, 3 case-orgs, 4 cases, 5..7 the supervision sets of before
-- (supervisors, workers, suspended supervisors), 8..10 the same under the organisation.
-- ARGV: 1 the user's organisation ('' for a former member in none), 2 the organisation of the cases
-- not named after it ('' for none), then case id, organisation pairs (cases opened before the user
-- left an organisation: that one's). Returns 1 when something changed.
local changed = 0
local org = ARGV[1]
if org ~= '' then
  local member = redis.call('HMGET', KEYS[1], 'role', 'suspended')
  if redis.call('HEXISTS', KEYS[2], org) == 0 then
    local entry = { role = member[1] or 'worker' }
    if member[2] then entry.suspended = true end
    redis.call('HSET', KEYS[2], org, cjson.encode(entry))
    changed = 1
  end
  for i = 5, 7 do
    for _, id in ipairs(redis.call('SMEMBERS', KEYS[i])) do redis.call('SADD', KEYS[i + 3], id) end
    if redis.call('DEL', KEYS[i]) == 1 then changed = 1 end
  end
end
for i = 3, #ARGV, 2 do
  if redis.call('HSETNX', KEYS[3], ARGV[i], ARGV[i + 1]) == 1 then changed = 1 end
end
if ARGV[2] ~= '' then
  for _, id in ipairs(redis.call('HKEYS', KEYS[4])) do
    if redis.call('HSETNX', KEYS[3], id, ARGV[2]) == 1 then changed = 1 end
  end
end
return changed
