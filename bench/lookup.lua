-- wrk script: authenticated crisis lookups by NHS number, a random seeded patient per request.
-- Set PAUSE_MS (a connection's pause between a response and its next request) to pace the load instead of saturating.
local requests = {}
local pause_ms = tonumber(os.getenv("PAUSE_MS") or "0")

function init(args)
  local file = io.open(os.getenv("BENCH_DIR") .. "/token.txt")
  local token = file:read("*a")
  file:close()
  -- Every request is formatted once here, so that the load generator spends its share of the cores sending them.
  for line in io.lines(os.getenv("BENCH_DIR") .. "/nhs-numbers.txt") do
    requests[#requests + 1] = wrk.format("GET", "/urgent-care/patients/" .. line,
      {["Authorization"] = "Bearer " .. token, ["X-Access-Reason"] = "benchmark"})
  end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
  return requests[math.random(#requests)]
end

-- Defined only when pacing, so that a saturating run spends nothing on it. wrk truncates a delay to whole
-- milliseconds; dithering between the two nearest keeps the mean pause exact.
if pause_ms > 0 then
  function delay()
    local whole = math.floor(pause_ms)
    if math.random() < pause_ms - whole then
      return whole + 1
    end
    return whole
  end
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors_status=%d duration_s=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.errors.status, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000))
end
