-- wrk: every request unique, so no answer can come from any cache.
-- PORTICO_PATH is the request; each gets `_=<thread>.<n>` appended (a
-- parameter the list routes accept and ignore by design), `{word}` becomes a
-- random word of the large data set's vocabulary and `{sort}` a random sort.
local words = {
    "printer", "vpn", "backup", "invoice", "password", "laptop", "email", "calendar",
    "server", "network", "firewall", "license", "update", "crash", "slow", "login",
    "account", "monitor", "phone", "wifi", "database", "report", "export", "sync",
    "disk", "upgrade", "error", "timeout", "certificate", "access",
}
local sorts = { "created", "updated", "deadline", "priority" }
local path = os.getenv("PORTICO_PATH")
local threads = 0

function setup(thread)
    thread:set("thread_id", threads)
    threads = threads + 1
end

local n = 0
function init(args)
    math.randomseed(os.time() * 100 + (thread_id or 0))
end

function request()
    n = n + 1
    local p = path:gsub("{word}", function() return words[math.random(#words)] end)
    p = p:gsub("{sort}", function() return sorts[math.random(#sorts)] end)
    local sep = p:find("?", 1, true) and "&" or "?"
    return wrk.format(nil, p .. sep .. "_=" .. (thread_id or 0) .. "." .. n)
end
