-- KEYS[1] = invites hash. ARGV: secret, now (ISO). Returns the invitation JSON after use, or an error word.
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return 'unknown' end
local inv = cjson.decode(raw)
if inv.revoked then return 'revoked' end
if inv.expiresAt < ARGV[2] then return 'expired' end
if inv.maxUses ~= cjson.null and inv.uses >= inv.maxUses then return 'used' end
inv.uses = inv.uses + 1
local out = cjson.encode(inv)
redis.call('HSET', KEYS[1], ARGV[1], out)
return out
