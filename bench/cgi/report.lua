-- report.lua — wrk script for bench/cgi/run.sh: prints one Markdown table
-- row (requests/s, p50 and p99 latency, errors) for the run, labelled
-- with $PX_BENCH_LABEL (done() runs in wrk's main Lua state, which never
-- sees the per-thread init() arguments, but can read the environment).
local label = os.getenv("PX_BENCH_LABEL") or "?"

function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  io.write(string.format("| %s | %.0f | %.2f | %.2f | %d |\n", label,
                         summary.requests / secs,
                         latency:percentile(50) / 1000,
                         latency:percentile(99) / 1000, errors))
end
