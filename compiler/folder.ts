// Mission folders (§33): the root file and the part files are parsed one by one, the parts'
// actions and schemas are appended to the root's declarations (spans moved into the folder's
// SourceSet), and the merged file is checked and generated exactly like a single file.

import { diagnostic } from "./diagnostics/make.ts";
import type { Diagnostic } from "./diagnostics/types.ts";
import type { Declaration, File, Span } from "./parse/ast.ts";
import { declaredSourceNames, prescan } from "./parse/prescan.ts";
import { parse } from "./parse/index.ts";
import { shiftSpans } from "./parse/shift-spans.ts";
import { SourceSet, type SourceFile } from "./source-set.ts";

export interface FolderFile {
  /** The path diagnostics print: the folder as given on the command line joined with `relative`. */
  path: string;
  /** Path relative to the folder, `/`-separated (`mission.reqon`, `actions/fetch.reqon`). */
  relative: string;
  text: string;
}

export interface MissionFolder {
  /** The folder as given on the command line (for messages). */
  path: string;
  /** `mission.reqon` or `mission.vague`. */
  root: FolderFile;
  /** `mission.vague` when the folder holds both root files: the error `ambiguous-root`. */
  otherRoot?: FolderFile;
  /** Every part file, in byte order of `relative` (the order they are merged in). */
  parts: FolderFile[];
}

export interface MergedFolder {
  sources: SourceSet;
  /** The root file with the part files' declarations appended (absent after syntax errors). */
  file?: File;
  /** Syntax errors and `ambiguous-root`: nothing is checked after them. */
  diagnostics: Diagnostic[];
  /** `misplaced-declaration` errors: the rest of the folder is still checked. */
  placement: Diagnostic[];
}

/** Parses every file of the folder and merges them into one mission file. */
export function mergeFolder(folder: MissionFolder): MergedFolder {
  const other = folder.otherRoot;
  const sources = new SourceSet([
    { path: folder.root.path, text: folder.root.text },
    ...folder.parts.map((p) => ({ path: p.path, label: p.relative, text: p.text })),
    ...(other ? [{ path: other.path, label: other.relative, text: other.text }] : []),
  ]);
  const rootFile = sources.files[0];
  const partFiles = sources.files.slice(1, 1 + folder.parts.length);
  const diagnostics: Diagnostic[] = [];
  const placement: Diagnostic[] = [];
  if (other) {
    const at = sources.files.at(-1)!.base;
    diagnostics.push(diagnostic("ambiguous-root", { start: at, end: at }, {
      folder: folder.path, root: folder.root.relative, other: other.relative,
    }));
  }

  const root = parse(rootFile!.text);
  diagnostics.push(...root.diagnostics);
  // Part files use the root's sources (`get Shop "/x"`), which decide how they parse.
  const sourceNames = declaredSourceNames(prescan(rootFile!.text).blanked);
  const merged: Declaration[] = [];
  let partsParsed = true;
  for (const part of partFiles) {
    const parsed = parse(part.text, { sourceNames });
    diagnostics.push(...parsed.diagnostics.map((d) => moved(d, part)));
    if (!parsed.file) {
      partsParsed = false;
      continue;
    }
    shiftSpans(parsed.file, part.base);
    merged.push(...partDeclarations(parsed.file, folder.root.relative, placement));
  }
  if (!root.file || !partsParsed) return { sources, diagnostics, placement };
  root.file.topLevel.push(...merged);
  return { sources, file: root.file, diagnostics, placement };
}

/** The actions and schemas of a part file; anything else is `misplaced-declaration`. */
function partDeclarations(file: File, rootName: string, diagnostics: Diagnostic[]): Declaration[] {
  const misplaced = (span: Span, keyword: string) => diagnostics.push(diagnostic("misplaced-declaration", {
    start: span.start,
    end: Math.min(span.end, span.start + keyword.length),
  }, { root: rootName }));
  for (const mission of file.missions) misplaced(mission.span, "mission");
  const kept: Declaration[] = [];
  for (const decl of file.topLevel) {
    if (decl.kind === "ActionDecl" || decl.kind === "SchemaDecl") kept.push(decl);
    else misplaced(decl.span, decl.kind === "SourceDecl" ? "source" : "store");
  }
  return kept;
}

function moved(d: Diagnostic, file: SourceFile): Diagnostic {
  return { ...d, span: { start: d.span.start + file.base, end: d.span.end + file.base } };
}
