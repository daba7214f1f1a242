// Paginated requests (LANGUAGE.md §24.3): page loop, stop rules, merged response shape.
import { numberOption } from "../core/errors.ts";
import type { ActionContext, PaginateSpec, RequestSpec } from "../core/types.ts";
import { truthy } from "../values/value-model.ts";

export interface PaginationDeps {
  /** Sends one page with `P` set to `param` (undefined: parameter absent) and returns its body. */
  fetchPage(param: unknown): Promise<unknown>;
  pageContext(body: unknown): ActionContext;
  warn(message: string, extra: Record<string, unknown>): void;
}

const DEFAULT_MAX_PAGES = 100;

export async function paginate(spec: RequestSpec & { paginate: PaginateSpec }, deps: PaginationDeps): Promise<unknown> {
  const { style, size } = spec.paginate;
  const maxPages = numberOption(spec.maxPages, DEFAULT_MAX_PAGES, { min: "positive", integer: true }, "maxPages", "EVAL_ERROR");
  const accumulated: unknown[] = [];
  let itemsField: string | null = null;
  let lastBody: unknown = null;
  let cursor: unknown = undefined;

  for (let page = 0; ; page++) {
    const param = style === "offset" ? page * size : style === "page" ? page + 1 : cursor;
    const body = await deps.fetchPage(param);
    lastBody = body;
    const found = pageItems(body);
    if (found.field !== null) itemsField = found.field;
    for (const item of found.items) accumulated.push(item); // `push(...items)` overflows the stack on huge pages

    if (spec.until && truthy(spec.until(deps.pageContext(body), param ?? null))) break;
    if (found.items.length === 0) break;
    if (!spec.until && style !== "cursor" && found.items.length < size) break;
    if (style === "cursor") {
      cursor = valueAt(body, spec.paginate.cursorPath ?? []);
      if (cursor === null || cursor === undefined || cursor === "") break;
    }
    if (page + 1 >= maxPages) {
      deps.warn(`pagination stopped after maxPages (${maxPages}) pages`, { kind: "max-pages", maxPages });
      break;
    }
  }
  return mergedResponse(lastBody, itemsField, accumulated);
}

/** The page's items: the body if it is an array, else its first top-level array field. */
export function pageItems(body: unknown): { items: unknown[]; field: string | null } {
  if (Array.isArray(body)) return { items: body, field: null };
  if (body !== null && typeof body === "object") {
    for (const [field, value] of Object.entries(body)) if (Array.isArray(value)) return { items: value, field };
  }
  return { items: [], field: null };
}

/** Last page's body with its items field replaced by all items, or the items array itself. */
function mergedResponse(lastBody: unknown, itemsField: string | null, items: unknown[]): unknown {
  if (lastBody !== null && typeof lastBody === "object" && !Array.isArray(lastBody)) {
    return itemsField === null ? lastBody : { ...lastBody, [itemsField]: items };
  }
  return items;
}

function valueAt(body: unknown, path: string[]): unknown {
  let value = body;
  // Accept both ["meta", "next"] and a dotted ".meta.next" form.
  for (const segment of path.flatMap((part) => part.split(".")).filter(Boolean)) {
    if (value === null || typeof value !== "object") return null;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

