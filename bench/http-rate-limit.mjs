// Bench (issue 4): achieved request rate of two parallel actions sharing one source with
// `rateLimit: { requestsPerMinute: 600, strategy: "throttle" }` over ~10 s, divided by the limit's
// 10 requests/s (goal between 0.9 and 1.0: close to the limit, never above it). The rate is taken
// from the server's arrival times — (requests − 1) ÷ (last arrival − first arrival) — so it is what
// the API would see. A short warm-up run first takes got's first-call cost out of the figure.
//   node bench/run.mjs http-rate-limit      // this item alone
import { buildMission, runSucceeded } from "./lib/compile-mission.mjs";
import { measured } from "./lib/outcome.mjs";
import { round, timed } from "./lib/stats.mjs";

export const HTTP_RATE_LIMIT = {
  id: "http-rate-limit",
  name: "rate limit 600/min throttle, 2 parallel actions, ~10 s: achieved req/s ÷ 10",
  goal: { op: "between", low: 0.9, high: 1.0, unit: "ratio" },
  timeoutMs: 40_000,
  requestsPerMinute: 600,
  /** Requests per action; two actions → 100 requests, 99 gaps of 100 ms ≈ 10 s. */
  perAction: 50,
};

const missionText = (name) => `mission ${name} {
  source Api { base: "http://api.invalid", rateLimit: { requestsPerMinute: ${HTTP_RATE_LIMIT.requestsPerMinute}, strategy: "throttle" } }
  action A { for x in items parallel { get "/ping" { params: { side: "A", i: x.id } } } }
  action B { for x in items parallel { get "/ping" { params: { side: "B", i: x.id } } } }
  run [A, B]
}
`;

export async function measureHttpRateLimit({ root, server, workDir }) {
  const module = await buildMission(root, "BenchRateLimit", missionText("BenchRateLimit"), workDir);
  const items = (n) => Array.from({ length: n }, (_, i) => ({ id: i + 1 }));
  const run = (n) => runSucceeded(module, { baseUrls: { Api: server.url }, inputs: { items: items(n) } });

  await run(1); // warm-up
  await server.reset();
  const { ms: wallMs, value: result } = await timed(() => run(HTTP_RATE_LIMIT.perAction));
  const { arrivals } = await server.stats();

  const total = HTTP_RATE_LIMIT.perAction * 2;
  const limitPerSecond = HTTP_RATE_LIMIT.requestsPerMinute / 60;
  const sorted = [...arrivals].sort((a, b) => a - b);
  const spanMs = sorted.at(-1) - sorted[0];
  const achieved = ((sorted.length - 1) / spanMs) * 1000;
  const gaps = sorted.slice(1).map((t, i) => t - sorted[i]);
  const value = round(achieved / limitPerSecond);

  const problems = [];
  if (arrivals.length !== total) problems.push(`server saw ${arrivals.length} requests, expected ${total}`);
  const spans = result.timeline.filter((t) => t.stage === 0);
  const overlap = spans.length === 2 && spans[0].start < spans[1].end && spans[1].start < spans[0].end;
  if (!overlap) problems.push("actions A and B did not run at the same time");
  return measured({
    ...HTTP_RATE_LIMIT,
    value,
    unit: "ratio",
    problems,
    details: {
      "achieved req/s (server arrivals)": round(achieved, 2),
      "limit req/s": limitPerSecond,
      requests: arrivals.length,
      "first→last arrival ms": Math.round(spanMs),
      "run() wall ms": Math.round(wallMs),
      "smallest gap ms": round(Math.min(...gaps), 1),
      "largest gap ms": round(Math.max(...gaps), 1),
    },
  });
}

