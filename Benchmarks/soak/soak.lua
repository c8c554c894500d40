-- wrk script for scripts/soak.sh: mixed traffic over a list of paths, some of it logged in.
--
--   wrk ... -s Benchmarks/soak/soak.lua URL -- PATHS_FILE COOKIE LOGGED_IN_PERCENT
--
-- PATHS_FILE has one path per line; a line starting with "@" is always sent with COOKIE (pages
-- only a logged-in person sees), the others carry it on LOGGED_IN_PERCENT of the requests.
-- Each thread walks the list from its own starting point, so every URL is asked for all the
-- time and the server's 5-second response cache keeps expiring under load.
--
-- `done` prints one line, "SOAK key=value …", that soak.sh reads: requests, duration, status
-- classes (counted in `response`), socket errors, p50/p99/max latency in microseconds and the
-- number of requests slower than one second (from wrk's latency percentiles; requests past wrk's
-- --timeout are counted as timeouts and added by soak.sh).

local threads = {}

function setup(thread)
    thread:set("number", #threads + 1)
    table.insert(threads, thread)
end

function init(args)
    local file, cookie, share = args[1], args[2] or "", tonumber(args[3] or "20")
    plain, withCookie = {}, {}
    for line in io.lines(file) do
        if line ~= "" then
            local always = line:sub(1, 1) == "@"
            local path = always and line:sub(2) or line
            local cookieHeaders = { ["Cookie"] = cookie }
            local logged = wrk.format("GET", path, cookieHeaders)
            table.insert(withCookie, logged)
            table.insert(plain, always and logged or wrk.format("GET", path, {}))
        end
    end
    assert(#plain > 0, "no paths in " .. file)
    loggedInShare = share
    -- A different start and stride per thread, so threads do not ask for the same URL in step.
    position = (number * 7919) % #plain
    sent = 0
    s1xx, s2xx, s3xx, s4xx, s5xx, loggedIn = 0, 0, 0, 0, 0, 0
end

function request()
    position = position % #plain + 1
    sent = sent + 1
    if sent % 100 < loggedInShare then
        loggedIn = loggedIn + 1
        return withCookie[position]
    end
    return plain[position]
end

function response(status, headers, body)
    if status >= 500 then
        s5xx = s5xx + 1
    elseif status >= 400 then
        s4xx = s4xx + 1
    elseif status >= 300 then
        s3xx = s3xx + 1
    elseif status >= 200 then
        s2xx = s2xx + 1
    else
        s1xx = s1xx + 1
    end
end

-- How many of the `count` recorded latencies exceed `limit` microseconds. Debian's wrk 4.1 has no
-- latency[i] for the histogram, so this finds the highest rank whose latency is within the limit by
-- bisecting over ranks: percentile p names rank round(p / 100 * count + 0.5), and p = (r - 0.25) /
-- count * 100 names rank r.
function slowerThan(latency, limit, count)
    if count < 1 or latency.max <= limit then return 0 end
    local function at(rank) return latency:percentile((rank - 0.25) / count * 100) end
    if at(1) > limit then return count end
    local low, high = 1, count -- at(low) <= limit < at(high)
    while high - low > 1 do
        local middle = math.floor((low + high) / 2)
        if at(middle) <= limit then low = middle else high = middle end
    end
    return count - low
end

function done(summary, latency, requests)
    local totals = { s1xx = 0, s2xx = 0, s3xx = 0, s4xx = 0, s5xx = 0, loggedIn = 0 }
    for _, thread in ipairs(threads) do
        for key, _ in pairs(totals) do
            totals[key] = totals[key] + (thread:get(key) or 0)
        end
    end
    local slow = slowerThan(latency, 1000000, summary.requests - summary.errors.timeout)
    local errors = summary.errors
    io.write(string.format(
        "SOAK requests=%d duration_us=%d bytes=%d s1xx=%d s2xx=%d s3xx=%d s4xx=%d s5xx=%d logged_in=%d "
            .. "connect_errors=%d read_errors=%d write_errors=%d timeouts=%d status_errors=%d "
            .. "p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d mean_us=%.0f over_1s=%d\n",
        summary.requests, summary.duration, summary.bytes,
        totals.s1xx, totals.s2xx, totals.s3xx, totals.s4xx, totals.s5xx, totals.loggedIn,
        errors.connect, errors.read, errors.write, errors.timeout, errors.status,
        latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
        latency.max, latency.mean, slow))
end
