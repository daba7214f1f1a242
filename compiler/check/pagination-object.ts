// `paginate: { type: offset|page|cursor, param: "p", pageSize: 50, cursorPath: "meta.next" }`,
// the original's object form of pagination (§35): the same as offset(p, 50) / page(p, 50) /
// cursor(p, 50, "meta.next"). The checker reports its problems; names and the generator read
// the Pagination it stands for from here.
import type { OptionValue, Pagination, Span } from "../parse/ast.ts";
import { blockEntries } from "./walk.ts";

/** A problem of the object form, as `invalid-option-value` "'OPTION' must be DESCRIPTION". */
export interface PaginationProblem {
  option: string;
  description: string;
  span: Span;
}

const FIELDS = ["type", "param", "pageSize", "cursorPath"];
const STYLES = ["offset", "page", "cursor"] as const;

/** The pagination an option value stands for, or the first problem of an object form; undefined when it is neither. */
export function paginationOf(value: OptionValue): Pagination | PaginationProblem | undefined {
  if (value.kind === "Pagination") return value;
  const entries = blockEntries(value);
  if (!entries) return undefined;
  const field = (name: string) => entries.find((e) => e.name.name === name);
  const unknown = entries.find((e) => !FIELDS.includes(e.name.name));
  if (unknown) {
    return { option: "paginate", description: `an object of ${FIELDS.join(", ")} (not '${unknown.name.name}')`, span: unknown.name.span };
  }
  const type = field("type");
  const style = type && wordOf(type.value);
  if (!type || !STYLES.includes(style as (typeof STYLES)[number])) {
    return { option: "paginate.type", description: "offset, page or cursor", span: type?.value.span ?? value.span };
  }
  const param = field("param");
  const paramName = param && wordOf(param.value);
  if (!param || paramName === undefined || paramName === "") {
    return { option: "paginate.param", description: "a parameter name (a string)", span: param?.value.span ?? value.span };
  }
  const pageSize = field("pageSize");
  const size = pageSize?.value.kind === "NumberLit" ? pageSize.value.value : undefined;
  if (!pageSize || size === undefined || !Number.isInteger(size) || size <= 0) {
    return { option: "paginate.pageSize", description: "a positive integer", span: pageSize?.value.span ?? value.span };
  }
  const pagination: Pagination = {
    kind: "Pagination", style: style as Pagination["style"],
    param: { kind: "Name", name: paramName, span: param.value.span },
    size, sizeSpan: pageSize.value.span, span: value.span,
  };
  if (style !== "cursor") return pagination;
  const cursorPath = field("cursorPath");
  const path = cursorPath && wordOf(cursorPath.value);
  if (!cursorPath || path === undefined || path === "") {
    return { option: "paginate.cursorPath", description: "a field path (a string) for type cursor", span: cursorPath?.value.span ?? value.span };
  }
  return { ...pagination, cursorPath: path.replace(/^\./, "").split(".") };
}

export function isPagination(value: Pagination | PaginationProblem | undefined): value is Pagination {
  return value !== undefined && "kind" in value;
}

/** A string literal's value or a bare word. */
function wordOf(value: OptionValue): string | undefined {
  if (value.kind === "StringLit") return value.value;
  if (value.kind === "Ident") return value.name;
  return undefined;
}
