// What an integrator writes with the generated types (generated/api.d.ts, from /q/openapi by openapi-typescript)
// and openapi-fetch: no hand-written type. Creates units, an agency, posts a batch of evaluations with an
// Idempotency-Key (and resends it), reads the standings and provokes a 422 problem. Prints one JSON line per step.
//   SERVICEGRADE_URL=http://localhost:8080 SERVICEGRADE_ADMIN_KEY=... PREFIX=T123 node generated/js/example.js
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/api.js";

type Rule = components["schemas"]["Rule"];
type Answer = components["schemas"]["Answer"];
type Problem = components["schemas"]["Problem"];
/** The media types this client reads: JSON and problem+json (getStandings also answers text/csv, with format=csv). */
type Json = `${string}/${string}json`;

const baseUrl = process.env.SERVICEGRADE_URL ?? "http://localhost:8080";
const adminKey = process.env.SERVICEGRADE_ADMIN_KEY ?? "";
const prefix = process.env.PREFIX ?? "TS" + Date.now();
const scheme = "create-satisfied-windows";
const rubric = "postal-counter-model-window";

const admin = createClient<paths, Json>({ baseUrl, headers: { Authorization: `Bearer ${adminKey}` } });

function print(step: string, value: unknown): void {
  console.log(JSON.stringify({ step, ...(value as object) }));
}

function fail(step: string, error: Problem | undefined, status: number): never {
  throw new Error(`${step}: ${status} ${JSON.stringify(error)}`);
}

/** The answer that loses no point, whatever the item's rule: the union is narrowed by its kind. */
function perfect(item: string, rule: Rule): Answer {
  switch (rule.kind) {
    case "deduction":
      return { item, violations: 0 };
    case "veto":
      return { item, pass: true };
    case "indicators":
      return { item, rates: Object.fromEntries(rule.indicators.map((i) => [i.key, i.target])) };
    case "shortfall":
      return { item, rate: rule.target };
    case "rating":
      return { item, responses: { [rule.scale[0]!.key]: 1 } };
    case "bonus":
      return { item, count: 0 };
  }
}

async function main(): Promise<void> {
  // 1. units: an outlet and two windows under it
  const outlet = prefix;
  const windows = [`${prefix}.W1`, `${prefix}.W2`];
  const units = await admin.PUT("/api/v1/units", {
    body: [
      { code: outlet, name: `${prefix} 支局`, kind: "outlet" },
      ...windows.map((code, i) => ({ code, name: `窗口 ${i + 1}`, kind: "window", parent: outlet })),
    ],
  });
  if (!units.data) fail("units", units.error, units.response.status);
  print("units", { status: units.response.status, created: units.data.created });

  // 2. an agency for the two sources the scheme weights, with its own key
  const agency = await admin.POST("/api/v1/agencies", {
    body: { code: `${prefix}-agency`, name: "测评公司 Survey Co", sources: ["inspection", "mystery_shop"] },
  });
  if (!agency.data?.key) fail("agency", agency.error, agency.response.status);
  const asAgency = createClient<paths, Json>({ baseUrl, headers: { "X-Api-Key": agency.data.key } });
  print("agency", { status: agency.response.status });

  // 3. the rubric, typed: every item answered by its rule kind
  const read = await admin.GET("/api/v1/rubrics/{key}", { params: { path: { key: rubric } } });
  if (!read.data) fail("rubric", read.error, read.response.status);
  const answers = read.data.rubric.sections.flatMap((s) => s.items.map((item) => perfect(item.key, item.rule)));
  const kinds = [...new Set(read.data.rubric.sections.flatMap((s) => s.items.map((i) => i.rule.kind)))].sort();
  print("rubric", { version: read.data.version, items: answers.length, kinds });

  // 4. a batch, sent twice with one Idempotency-Key: the second is the first's answer replayed
  const batch = {
    evaluations: windows.flatMap((unit) => (["inspection", "mystery_shop"] as const).map((source) => ({
      externalId: `${unit}-${source}`, source, unit, rubric, conductedAt: "2023-05-10T10:00:00+08:00", answers,
    }))),
  };
  const idempotencyKey = `${prefix}-batch-1`;
  for (const attempt of [1, 2]) {
    const posted = await asAgency.POST("/api/v1/evaluations", {
      params: { header: { "Idempotency-Key": idempotencyKey } }, body: batch,
    });
    if (!posted.data) fail("evaluations", posted.error, posted.response.status);
    print("evaluations", {
      attempt, status: posted.response.status, replayed: posted.response.headers.get("Idempotent-Replayed"),
      outcomes: posted.data.evaluations.map((e) => e.outcome), scores: posted.data.evaluations.map((e) => e.score),
    });
  }

  // 5. the standings of the quarter, the outlet's windows only
  const board = await admin.GET("/api/v1/schemes/{key}/standings", {
    params: { path: { key: scheme }, query: { period: "2023-Q2", under: outlet, kind: "window" } },
  });
  if (!board.data) fail("standings", board.error, board.response.status);
  print("standings", {
    status: board.response.status, totalCount: board.data.totalCount,
    rows: board.data.standings.map((r) => ({ unit: r.unit, rank: r.rank, value: r.value, grade: r.grade?.key })),
  });

  // 6. a refused batch: a problem, its errors named by JSON pointer
  const refused = await asAgency.POST("/api/v1/evaluations", {
    body: { evaluations: [{ ...batch.evaluations[0]!, externalId: `${prefix}-x`, unit: `${prefix}.nowhere` }] },
  });
  if (refused.data || !refused.error) throw new Error("the refused batch was taken");
  print("problem", {
    status: refused.response.status, contentType: refused.response.headers.get("Content-Type"),
    type: refused.error.type, pointers: (refused.error.errors ?? []).map((e) => e.pointer),
  });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
