-- wrk's report for bench/pages.sh, one machine-readable line:
-- RESULT requests seconds p50_ms p95_ms p99_ms errors bytes max_ms
-- errors: connect/read/write errors, timeouts and answers >= 400 (wrk counts those); bench/pages.sh
-- checks before and after each load that the page answers 200 with the expected content.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %.3f %.3f %.3f %.3f %d %d %.3f\n",
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout + e.status, summary.bytes, latency.max / 1000))
end
