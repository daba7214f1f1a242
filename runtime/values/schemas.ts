// Schema conformance for `match` patterns (LANGUAGE.md §22.1): an object (not an array) whose
// required fields are present, non-null and of their type, and whose optional fields are absent,
// null or of their type. Extra fields are allowed.
import { ReqonError } from "../core/errors.ts";
import { isDateString } from "./dates.ts";
import type { SchemaFieldSpec, SchemaTable, SchemaType } from "../core/types.ts";
import { isObject } from "./value-model.ts";

export function conforms(value: unknown, schema: string, table: SchemaTable): boolean {
  return conformsToFields(value, fieldsOf(schema, table), table);
}

function fieldsOf(schema: string, table: SchemaTable): SchemaFieldSpec[] {
  const fields = table[schema];
  if (fields === undefined) throw new ReqonError("EVAL_ERROR", `unknown schema '${schema}'`);
  return fields;
}

function conformsToFields(value: unknown, fields: SchemaFieldSpec[], table: SchemaTable): boolean {
  if (!isObject(value)) return false;
  return fields.every((field) => {
    const v = Object.hasOwn(value, field.name) ? value[field.name] : null;
    if (v === null || v === undefined) return field.optional || field.type.type === "null";
    return hasType(v, field.type, table);
  });
}

/** `v` is non-null here except for the `null` type, which only `null` satisfies. */
function hasType(v: unknown, type: SchemaType, table: SchemaTable): boolean {
  switch (type.type) {
    case "string":
      return typeof v === "string";
    case "number":
      return typeof v === "number";
    case "int":
      return typeof v === "number" && Number.isInteger(v);
    case "boolean":
      return typeof v === "boolean";
    case "date":
      return isDateString(v);
    case "object":
      return isObject(v);
    case "any":
      return v !== null && v !== undefined;
    case "null":
      return v === null || v === undefined;
    case "array":
      return Array.isArray(v) && ("element" in type ? v.every((e) => hasType(e ?? null, type.element, table)) : true);
    case "schema":
      return conformsToFields(v, fieldsOf(type.name, table), table);
    case "shape":
      return conformsToFields(v, type.fields, table);
    default: {
      const unknownType: never = type;
      throw new ReqonError("EVAL_ERROR", `unknown schema type ${JSON.stringify(unknownType)}`);
    }
  }
}
