// The bench missions, generated from the same numbers the ideal timings are computed from, so a
// mission and its goal can never drift apart. All use the implicit `default` source (§4); its
// base URL is given at run time with `baseUrls: { default: URL }`.

/** Action names A, B, C, … for a list of delays. */
export function actionNames(count) {
  return Array.from({ length: count }, (_, i) => String.fromCharCode(65 + i));
}

/** `run [A, B, …]` where action X does one GET that the server answers after its delay. */
export function parallelGroupMission(name, delaysMs, { maxConcurrency } = {}) {
  const names = actionNames(delaysMs.length);
  const lines = [`mission ${name} {`];
  if (maxConcurrency !== undefined) lines.push(`  maxConcurrency: ${maxConcurrency}`, "");
  names.forEach((action, i) => {
    lines.push(`  action ${action} {`, `    get "/delay/${delaysMs[i]}"`, "  }", "");
  });
  lines.push(`  run [${names.join(", ")}]`, "}", "");
  return lines.join("\n");
}

/** One action fanning out over the input store `items`, one GET per item. */
export function fanOutMission(name, concurrency) {
  return [
    `mission ${name} {`,
    "  action Fetch {",
    `    concurrency: ${concurrency}`,
    "    for x in items parallel {",
    '      get concat("/item/", x.id)',
    "    }",
    "  }",
    "",
    "  run Fetch",
    "}",
    "",
  ].join("\n");
}
