-- wrk script: the crisis lookups of lookup.lua, counted by second and status, for the switchover benchmark.
dofile("bench/lookup.lua")

local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
end

outcomes = {}

function response(status, headers, body)
  local key = os.time() .. " " .. status
  outcomes[key] = (outcomes[key] or 0) + 1
end

function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    for key, count in pairs(thread:get("outcomes")) do
      merged[key] = (merged[key] or 0) + count
    end
  end
  for key, count in pairs(merged) do
    io.write("OUTCOME " .. key .. " " .. count .. "\n")
  end
  io.write(string.format("ERRORS connect=%d read=%d write=%d timeout=%d p99_ms=%.2f\n", summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.timeout, latency:percentile(99) / 1000))
end
