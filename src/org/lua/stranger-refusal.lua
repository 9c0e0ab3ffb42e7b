-- A refusal of someone who is not a member (a forged button, a guessed invitation), kept apart from
-- every organisation's audit. KEYS[1] = the security stream, KEYS[2] = the counts hash,
-- KEYS[3] = this source's window counter (all in the {sec} slot).
-- ARGV: source field, organisation field ('' when none), window ms, entries per window, stream cap,
-- then the entry's field/value pairs.
-- Every refusal is counted (per source, per organisation named); only the first few of each window
-- reach the stream, which is capped: a flood costs a counter, never a member's record.
-- Returns this source's count in the window.
redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
if ARGV[2] ~= '' then redis.call('HINCRBY', KEYS[2], ARGV[2], 1) end
local n = redis.call('INCR', KEYS[3])
if n == 1 then redis.call('PEXPIRE', KEYS[3], ARGV[3]) end
if n <= tonumber(ARGV[4]) then
  redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[5], '*', unpack(ARGV, 6))
end
return n
