// The checker driver: three stages (declarations → names → semantics). Every stage runs even
// when an earlier one reported errors, because `reqonc check` lists all errors found (§30.1);
// the passes tolerate what earlier errors leave behind (unknown names, duplicates, no pipeline).

import type { Diagnostic } from "../diagnostics/types.ts";
import { sortDiagnostics } from "../diagnostics/format.ts";
import type { File } from "../parse/ast.ts";
import type { Analysis } from "./analysis.ts";
import { buildAnalysis } from "./build-analysis.ts";
import { collectDeclarations } from "./declarations.ts";
import { findGuardedRequests } from "./guarded.ts";
import { checkMissionOptions } from "./mission-options.ts";
import { resolveNames } from "./names.ts";
import { checkParallelRaces } from "./parallel-races.ts";
import { checkPipeline } from "./pipeline.ts";
import { checkRetries } from "./retry.ts";
import { checkSchedule } from "./schedule.ts";
import { checkSchemas } from "./schemas.ts";
import { Session } from "./session.ts";
import { checkSources } from "./source-options.ts";
import { checkStepOptions } from "./step-options.ts";
import { checkStepWarnings } from "./step-warnings.ts";
import { reportUnsupported } from "./unsupported.ts";

export interface CheckResult {
  /** Present only when there are no errors. */
  analysis?: Analysis;
  /** In source order. */
  diagnostics: Diagnostic[];
}

export function check(file: File): CheckResult {
  const session = new Session();
  const done = (analysis?: Analysis): CheckResult => ({
    analysis: session.hasErrors() ? undefined : analysis,
    diagnostics: sortDiagnostics(session.diagnostics),
  });

  // Stage 1: declarations, options, pipeline, schemas, unsupported features.
  const decls = collectDeclarations(file, session);
  if (!decls) return done();
  const options = checkMissionOptions(decls.mission, session);
  const schedule = checkSchedule(decls.mission, session);
  reportUnsupported(decls, session);
  checkSources(decls.sources.values(), session);
  checkStepOptions(decls, session);
  checkPipeline(decls, session);
  checkSchemas(decls.schemas, session);

  // Stage 2: names.
  const facts = resolveNames(decls, session);

  // Stage 3: semantics over resolved names.
  const analysis = buildAnalysis(decls, facts, options, schedule);
  checkRetries(analysis, session);
  findGuardedRequests(analysis);
  checkStepWarnings(analysis, session);
  checkParallelRaces(analysis, facts.storeReads, session);
  return done(analysis);
}

export type { Analysis };
