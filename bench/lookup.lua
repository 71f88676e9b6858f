-- wrk script: authenticated crisis lookups by NHS number, a random seeded patient per request.
-- Set PAUSE_MS (a connection's pause between a response and its next request) to pace the load instead of saturating.
-- NHS_NUMBERS names the file of seeded NHS numbers in BENCH_DIR (nhs-numbers.txt unless set).
local numbers = {}
local prefix, suffix
local pause_ms = tonumber(os.getenv("PAUSE_MS") or "0")

function init(args)
  local file = io.open(os.getenv("BENCH_DIR") .. "/token.txt")
  local token = file:read("*a")
  file:close()
  -- The request is formatted once here, around a placeholder for the NHS number, so that the load generator spends
  -- its share of the cores sending requests (a million requests formatted in advance would take a gigabyte or more
  -- in each thread).
  local template = wrk.format("GET", "/v1/urgent-care/patients/@@@@@@@@@@",
    {["Authorization"] = "Bearer " .. token, ["X-Access-Reason"] = "benchmark"})
  local at = template:find("@@@@@@@@@@", 1, true)
  prefix, suffix = template:sub(1, at - 1), template:sub(at + 10)
  for line in io.lines(os.getenv("BENCH_DIR") .. "/" .. (os.getenv("NHS_NUMBERS") or "nhs-numbers.txt")) do
    numbers[#numbers + 1] = line
  end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
  return prefix .. numbers[math.random(#numbers)] .. suffix
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
