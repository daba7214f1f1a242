// Schemas (§22.1): known field types, no field twice, no `...Other` cycle.

import type { FieldDef, SchemaDecl, Span, TypeRef } from "../parse/ast.ts";
import { assertNever } from "../parse/ast.ts";
import type { Session } from "./session.ts";

/** Built-in field types of schemas (`array` may carry `<T>`). */
export const SCHEMA_TYPES = new Set([
  "string", "number", "int", "integer", "decimal", "float", "boolean", "date", "datetime",
  "object", "any", "null", "array",
]);

export function checkSchemas(schemas: ReadonlyMap<string, SchemaDecl>, session: Session): void {
  for (const schema of schemas.values()) {
    checkFields(schema.fields, schema, schemas, session);
  }
  reportCycles(schemas, session);
}

function checkFields(fields: readonly FieldDef[], schema: SchemaDecl, schemas: ReadonlyMap<string, SchemaDecl>, session: Session): void {
  const seen = new Map<string, Span>();
  for (const field of fields) {
    switch (field.kind) {
      case "SchemaField":
        if (seen.has(field.name.name)) {
          const first = seen.get(field.name.name)!;
          session.report("duplicate-field", field.name.span, { field: field.name.name, schema: schema.name.name }, [{ message: "first declared here", span: first }]);
        } else {
          seen.set(field.name.name, field.name.span);
        }
        checkType(field.type, schema, schemas, session);
        break;
      case "SchemaSpread":
        if (!schemas.has(field.schema.name)) {
          session.report("unknown-type", field.schema.span, { name: field.schema.name });
        }
        break;
      default:
        assertNever(field);
    }
  }
}

function checkType(type: TypeRef, schema: SchemaDecl, schemas: ReadonlyMap<string, SchemaDecl>, session: Session): void {
  switch (type.kind) {
    case "NamedType": {
      const name = type.name.name;
      if (!SCHEMA_TYPES.has(name) && !schemas.has(name)) {
        session.report("unknown-type", type.name.span, { name });
      }
      if (type.element) checkType(type.element, schema, schemas, session);
      break;
    }
    case "ShapeType":
      checkFields(type.fields, schema, schemas, session);
      break;
    default:
      assertNever(type);
  }
}

/** A schema whose spreads lead back to itself; reported at its first spread on the cycle. */
function reportCycles(schemas: ReadonlyMap<string, SchemaDecl>, session: Session): void {
  for (const schema of schemas.values()) {
    for (const field of schema.fields) {
      if (field.kind !== "SchemaSpread") continue;
      if (spreadsReach(field.schema.name, schema.name.name, schemas, new Set())) {
        session.report("schema-cycle", field.schema.span, { name: schema.name.name });
        break;
      }
    }
  }
}

function spreadsReach(from: string, target: string, schemas: ReadonlyMap<string, SchemaDecl>, visited: Set<string>): boolean {
  if (from === target) return true;
  if (visited.has(from)) return false;
  visited.add(from);
  const schema = schemas.get(from);
  if (!schema) return false;
  return schema.fields.some((f) => f.kind === "SchemaSpread" && spreadsReach(f.schema.name, target, schemas, visited));
}
