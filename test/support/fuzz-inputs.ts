// Inputs for the fuzz tests: seed missions covering every construct, a seeded PRNG (so any
// failure reproduces) and a token/character-level mutator.
// Small missions (a few hundred characters each) that together cover every construct: the
// fuzzer's value is in the mutations, and small inputs keep 3600 parses fast.
export const SEEDS = [
  `mission CatalogRefresh {
  maxConcurrency: 2
  source Shop  { auth: bearer, base: "https://shop.example.test/api" }
  action ListProducts {
    get Shop "/products" { params: { active: true } }
    store response -> products { key: .sku }
  }
  run ListProducts then [LoadLevels] then Publish
}`,
  `mission Publish {
  action Publish {
    concurrency: 4
    match {
      length(errors) > 0 and length(levels) == 0 -> abort "no stock data",
      _ -> continue
    }
    for p in products where .active parallel {
      map p -> Listing { ...p, onHand: levels[p.sku].available }
      store p -> listings { key: .sku }
    }
  }
}`,
  `mission Tickets {
  schema Job { jobId: string, state: string?, tags: array<string>, meta: { at: date } }
  store cache: file("cache")
  action Pull {
    get "/tickets" {
      paginate: cursor("c", 100, .meta.next),
      until: response.meta.last == true or page >= 20,
      since: lastSync { param: "updated", format: unix },
      retry: { maxAttempts: 3 }
    }
    match response {
      [] -> skip,
      [Job] -> store response -> jobs { key: .jobId },
      { code: c } where c >= 500 -> queue failed { item: { status: c } },
      _ -> jump Refresh then retry
    }
  }
}`,
  `action Exprs {
  let stale = accounts | filter(.lastSeen < cutoff) where .id != null
  let level = match .priority { 1 => "urgent", p where p > 2 => "normal", _ => 'unknown' }
  let total = reduce(items, (acc, x) => acc + x.qty * 1_000, 0.5)
  let x = if a then b ? c : d else -x.y
  validate { assume .total >= 0, assume .currency is string, assume not (.a in [1, 2]) }
  delete cache[.id]
  post "/token" { body: { grant: "x\\n\\u0041" } }
}`,
  `source Billing from "billing.yaml" { auth: oauth2, base: env("BILLING") }
mission Sched {
  schedule: every 5 minutes { timezone: "UTC" }
  action A {
    call Billing.listInvoices { params: { limit: 10 } }
    wait { path: "/hook", storage: { target: hooks, key: .id } }
    abort
    store response -> s
  }
  run A
}`,
];

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const TOKEN = /[A-Za-z_][A-Za-z0-9_]*|[0-9][0-9_.]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\/\/[^\n]*|\.\.\.|->|=>|==|!=|<=|>=|\s+|[\s\S]/g;
const INSERTS = ["{", "}", "[", "]", "(", ")", ",", ":", ".", "...", "->", "=>", "|", "?", "\"", "'", "/*", "//", "\n", "_", "-", "match", "where", "abort", "get", "source", "not", "0", "é", "\u0000"];

export function mutate(seed: string, random: () => number): string {
  const tokens = seed.match(TOKEN) ?? [];
  const pick = (n: number) => Math.floor(random() * n);
  const edits = 1 + pick(4);
  let text = seed;
  for (let e = 0; e < edits; e++) {
    const i = pick(tokens.length);
    switch (pick(6)) {
      case 0: tokens.splice(i, 1); break;                                     // delete a token
      case 1: tokens.splice(i, 0, tokens[i]); break;                          // duplicate a token
      case 2: { const j = pick(tokens.length); [tokens[i], tokens[j]] = [tokens[j], tokens[i]]; break; } // swap
      case 3: tokens.splice(i, 0, INSERTS[pick(INSERTS.length)]); break;     // insert punctuation / a keyword
      case 4: { text = tokens.join(""); const at = pick(text.length); return text.slice(0, at) + text.slice(at + 1 + pick(3)); } // drop chars
      default: { text = tokens.join(""); const at = pick(text.length); return text.slice(0, at) + text.slice(at, at + 1 + pick(20)) + text.slice(at); } // duplicate chars
    }
  }
  return tokens.join("");
}

