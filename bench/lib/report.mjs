// Prints the results table and writes bench/results.json.
import { writeFileSync } from "node:fs";
import os from "node:os";

const STATUS_TEXT = { pass: "PASS", fail: "FAIL", info: "info", "not measured": "NOT MEASURED" };

export function formatValue(item) {
  if (item.value === null) return "not measured";
  return item.unit === "ratio" ? item.value.toFixed(3) : `${formatNumber(item.value)} ${item.unit}`;
}

/** Goals carry their own unit ("ratio" is printed bare). */
function formatGoal(goal) {
  if (goal === null) return "—";
  if (goal.op === "between") return `${goal.low} … ${goal.high}`;
  const suffix = goal.unit === "ratio" ? "" : ` ${goal.unit}`;
  return `${goal.op === "<=" ? "≤" : "≥"} ${goal.limit}${suffix}`;
}

function formatNumber(value) {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

export function printTable(items) {
  const rows = items.map((item) => [
    item.name,
    formatValue(item),
    formatGoal(item.goal),
    STATUS_TEXT[item.status],
  ]);
  const header = ["benchmark", "measured", "goal", "result"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  rows.forEach((row, i) => {
    console.log(line(row));
    // The reason goes on its own line so a long one does not stretch the table.
    if (items[i].status === "not measured") console.log(`  ↳ not measured (${items[i].reason})`);
  });
}

export function printDetails(items) {
  for (const item of items) {
    if (!item.details || Object.keys(item.details).length === 0) continue;
    console.log(`\n${item.name}:`);
    for (const [key, value] of Object.entries(item.details)) {
      console.log(`  ${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
    }
  }
}

export function writeResults(path, items, durationMs) {
  const document = {
    generatedAt: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: os.cpus().length,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    durationMs: Math.round(durationMs),
    items,
  };
  writeFileSync(path, `${JSON.stringify(document, null, 2)}\n`);
}
