-- The wrk script of every saturation run (bench/run), configured through the environment:
--   BENCH_KIND      applicant | birth | stub
--   BENCH_CITIZENS  the parties file UpstreamsMain writes (lines "applicant ID", "birth M F D")
--   BENCH_TOKEN     bearer token (an officer's for the gateway, the NPD's own for the stub)
--   BENCH_PREFIX    start of every X-Request-Id (PREFIX-THREAD-N, unique per request)
--   BENCH_QUERY     stub only: the query string (fields=...)
--   BENCH_FIXED_CASE=1  one case and one party set for every request (cache runs)
-- Every prefill gets a fresh case id and the next party (set) of the list, so the NPD is really
-- asked. Answers are counted by status and, for problem answers, by their "code"; done() prints
-- key=value lines that bench/run reads.

local kind = os.getenv("BENCH_KIND") or "applicant"
local citizensFile = os.getenv("BENCH_CITIZENS")
local token = os.getenv("BENCH_TOKEN") or ""
local prefix = os.getenv("BENCH_PREFIX") or "wrk"
local query = os.getenv("BENCH_QUERY") or ""
local fixedCase = os.getenv("BENCH_FIXED_CASE") == "1"

local threads = {}
local threadCount = 0

function setup(thread)
   threadCount = threadCount + 1
   thread:set("tid", threadCount)
   table.insert(threads, thread)
end

local applicants = {}
local births = {}
local n = 0
statuses = {}

function init(args)
   for line in io.lines(citizensFile) do
      local a = line:match("^applicant%s+(%d+)")
      if a then
         table.insert(applicants, a)
      end
      local m, f, d = line:match("^birth%s+(%d+)%s+(%d+)%s+(%d+)")
      if m then
         table.insert(births, { m, f, d })
      end
   end
end

function request()
   n = n + 1
   local rid = prefix .. "-" .. tid .. "-" .. n
   local headers = { ["X-Request-Id"] = rid }
   if token ~= "" then
      headers["Authorization"] = "Bearer " .. token
   end
   -- threads start at different places in the lists
   local pick = fixedCase and 0 or (n + tid * 37)
   if kind == "stub" then
      local id = applicants[(pick % #applicants) + 1]
      headers["X-Purpose"] = "JUDICIAL_RECORD"
      headers["X-Case-Id"] = "BENCH-" .. rid
      headers["X-Officer-Id"] = "bench-officer"
      headers["X-Agency-Code"] = "BENCH"
      return wrk.format("GET", wrk.path .. id .. "?" .. query, headers, nil)
   end
   local caseId = fixedCase and (prefix .. "-CASE") or ("BENCH-" .. rid)
   local parties
   if kind == "birth" then
      local b = births[(pick % #births) + 1]
      parties = '{"mother":"' .. b[1] .. '","father":"' .. b[2] .. '","declarant":"' .. b[3] .. '"}'
   else
      parties = '{"applicant":"' .. applicants[(pick % #applicants) + 1] .. '"}'
   end
   headers["Content-Type"] = "application/json"
   return wrk.format("POST", wrk.path, headers, '{"caseId":"' .. caseId .. '","parties":' .. parties .. '}')
end

function response(status, headers, body)
   local key = tostring(status)
   if status ~= 200 and body then
      local code = body:match('"code"%s*:%s*"([A-Z0-9_]+)"')
      if code then
         key = key .. "." .. code
      end
   end
   statuses[key] = (statuses[key] or 0) + 1
end

function done(summary, latency, requests)
   local total = {}
   for _, thread in ipairs(threads) do
      local counted = thread:get("statuses")
      for k, v in pairs(counted) do
         total[k] = (total[k] or 0) + v
      end
   end
   local seconds = summary.duration / 1e6
   io.write(string.format("requests=%d\n", summary.requests))
   io.write(string.format("duration_s=%.2f\n", seconds))
   io.write(string.format("rps=%.1f\n", summary.requests / seconds))
   io.write(string.format("p50_ms=%.2f\n", latency:percentile(50) / 1000))
   io.write(string.format("p90_ms=%.2f\n", latency:percentile(90) / 1000))
   io.write(string.format("p99_ms=%.2f\n", latency:percentile(99) / 1000))
   io.write(string.format("p999_ms=%.2f\n", latency:percentile(99.9) / 1000))
   io.write(string.format("max_ms=%.2f\n", latency.max / 1000))
   for _, kind in ipairs({ "connect", "read", "write", "timeout" }) do
      if summary.errors[kind] > 0 then
         io.write(string.format("error.%s=%d\n", kind, summary.errors[kind]))
      end
   end
   for k, v in pairs(total) do
      io.write(string.format("status.%s=%d\n", k, v))
   end
end
