// Bench (issue 4): pages/s of a 200-page paginated fetch through a generated mission ÷ pages/s of
// a hand-written got loop over the same pages (goal ≥ 0.9). Both sides fetch page 1, 2, … one at a
// time from the bench's loopback server (in its own thread) until the short page 200. Each round
// runs both sides back to back, alternating which goes first; the figure is the median of the
// per-round ratios, so a change in machine load between rounds affects both sides alike.
//   node bench/run.mjs http-pagination      // this item alone
import { buildMission, runSucceeded } from "./lib/compile-mission.mjs";
import { handWrittenClient } from "./lib/got-client.mjs";
import { measured } from "./lib/outcome.mjs";
import { alternatingRounds } from "./lib/rounds.mjs";
import { median, round, timed } from "./lib/stats.mjs";

export const HTTP_PAGINATION = {
  id: "http-pagination",
  name: "paginated fetch, 200 pages: mission pages/s ÷ got loop pages/s",
  goal: { op: ">=", limit: 0.9, unit: "ratio" },
  timeoutMs: 60_000,
  pages: 200,
  pageSize: 20,
  // A round (both sides) takes ~0.2 s, but per-round ratios on a shared 2-core VM spread ±30 %
  // (200 sequential cross-thread round trips, each exposed to scheduling delays): many rounds
  // keep the median steady.
  minRounds: 5,
  maxRounds: 40,
  roundsBudgetMs: 15_000,
  warmUpRuns: 2,
};

const missionText = (name) => `mission ${name} {
  action Fetch {
    get "/pages" { params: { pages: ${HTTP_PAGINATION.pages}, size: ${HTTP_PAGINATION.pageSize} }, paginate: page(page, ${HTTP_PAGINATION.pageSize}), maxPages: 1000 }
    store { count: length(response.data) } -> fetched { key: "all" }
  }
  run Fetch
}
`;

/** The loop a careful engineer would write (lib/got-client.mjs), page after page. */
function handWrittenLoop(baseUrl) {
  const client = handWrittenClient();
  const { pages, pageSize } = HTTP_PAGINATION;
  return async () => {
    const items = [];
    for (let page = 1; ; page++) {
      const { body } = await client(`${baseUrl}/pages`, { searchParams: { pages, size: pageSize, page } });
      items.push(...body.data);
      if (body.data.length < pageSize) return items.length;
    }
  };
}

export async function measureHttpPagination({ root, server, workDir }) {
  const module = await buildMission(root, "BenchPages", missionText("BenchPages"), workDir);
  const expectedItems = (HTTP_PAGINATION.pages - 1) * HTTP_PAGINATION.pageSize + HTTP_PAGINATION.pageSize - 1;
  const runMission = async () => {
    const result = await runSucceeded(module, { baseUrls: { default: server.url } });
    return result.stores.fetched.all.count;
  };
  const runLoop = handWrittenLoop(server.url);
  const sample = async (run) => {
    await server.reset();
    const { value: items, ms } = await timed(run);
    const { requests } = await server.stats();
    return { pagesPerSecond: (HTTP_PAGINATION.pages / ms) * 1000, ms, requests, items };
  };

  // Warm-up runs (JIT, keep-alive sockets), then the rounds.
  const { mission, baseline: loop } = await alternatingRounds({
    mission: runMission, baseline: runLoop, sample,
    warmUpRuns: HTTP_PAGINATION.warmUpRuns, minRounds: HTTP_PAGINATION.minRounds, maxRounds: HTTP_PAGINATION.maxRounds,
    budgetMs: HTTP_PAGINATION.roundsBudgetMs,
  });

  const problems = [];
  for (const [side, samples] of [["mission", mission], ["got loop", loop]]) {
    const wrong = samples.find((s) => s.requests !== HTTP_PAGINATION.pages || s.items !== expectedItems);
    if (wrong) problems.push(`${side}: ${wrong.requests} requests and ${wrong.items} items in one run, expected ${HTTP_PAGINATION.pages} and ${expectedItems}`);
  }
  const ratios = mission.map((s, i) => s.pagesPerSecond / loop[i].pagesPerSecond);
  const value = round(median(ratios));
  return measured({
    ...HTTP_PAGINATION,
    value,
    unit: "ratio",
    problems,
    details: {
      "mission pages/s (median)": Math.round(median(mission.map((s) => s.pagesPerSecond))),
      "got loop pages/s (median)": Math.round(median(loop.map((s) => s.pagesPerSecond))),
      "ratio per round": ratios.map((r) => round(r)),
      rounds: ratios.length,
      "items per run": expectedItems,
    },
  });
}

