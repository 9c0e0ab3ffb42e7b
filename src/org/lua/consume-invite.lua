-- KEYS[1] = invites hash, KEYS[2] = former members hash (both in the organisation's slot).
-- ARGV: invitation id (the secret's hash), now (ISO), the joiner's user id, the secret (a link made
-- before secrets were hashed is stored under the secret itself: found by it once, then moved).
-- Returns the invitation JSON after use, or an error word.
local field = ARGV[1]
local raw = redis.call('HGET', KEYS[1], field)
if not raw then
  field = ARGV[4]
  raw = redis.call('HGET', KEYS[1], field)
end
if not raw then return 'unknown' end
local inv = cjson.decode(raw)
if inv.revoked then return 'revoked' end
if inv.expiresAt < ARGV[2] then return 'expired' end
if inv.maxUses ~= cjson.null and inv.uses >= inv.maxUses then return 'used' end
-- someone who left or was removed comes back only through a single-use link made after that
local former = redis.call('HGET', KEYS[2], ARGV[3])
if former and (inv.maxUses ~= 1 or inv.createdAt <= former) then return 'former' end
inv.uses = inv.uses + 1
inv.id = ARGV[1]
inv.secret = nil
local out = cjson.encode(inv)
if field ~= ARGV[1] then redis.call('HDEL', KEYS[1], field) end
redis.call('HSET', KEYS[1], ARGV[1], out)
if former then redis.call('HDEL', KEYS[2], ARGV[3]) end
return out
