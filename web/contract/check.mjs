// The contract check: both services' OpenAPI documents as stored by their builds (target/openapi/openapi.json)
// must give a front-end developer a whole client. It
//   1. generates a TypeScript client (types) from each with openapi-typescript, into generated/;
//   2. fails if any JSON request or response body is typed `unknown`, `Record<string, never>`, `{}` or inline;
//   3. fails if what the portal relays from the clinical API is described differently in the two documents;
//   4. compiles the generated types and test/ with `tsc --strict --noEmit`;
//   5. lints both documents with Spectral (.spectral.yaml), failing on any warning.
// Usage: npm run check [-- <clinical openapi.json> <portal openapi.json>]
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const [clinicalArg, portalArg] = process.argv.slice(2);
const documents = {
  clinical: resolve(clinicalArg ?? join(root, "clinical-api/target/openapi/openapi.json")),
  portal: resolve(portalArg ?? join(root, "portal-api/target/openapi/openapi.json")),
};

// Schemas the portal passes on unchanged from the clinical API: portal name -> clinical name.
const RELAYED = {
  PatientPlan: "PatientPlan",
  Access: "Access",
  PatientRightsRequestView: "PatientRightsRequestView",
  PageAccess: "PageAccess",
  PagePatientRightsRequestView: "PagePatientRightsRequestView",
  PageLinks: "PageLinks",
  ClinicalErasureReceipt: "ErasureReceipt",
};

const failures = [];
const bin = (name) => join(here, "node_modules", ".bin", name);

mkdirSync(join(here, "generated"), { recursive: true });
const parsed = {};
for (const [service, file] of Object.entries(documents)) {
  if (!existsSync(file)) {
    console.error(`${file} is missing: build ${service}-api first (./mvnw package -pl ${service}-api -am)`);
    process.exit(2);
  }
  parsed[service] = JSON.parse(readFileSync(file, "utf8"));
  const source = astToString(await openapiTS(pathToFileURL(file)));
  writeFileSync(join(here, "generated", `${service}.ts`), source);
  failures.push(...untypedBodies(service, source));
}

for (const [portalName, clinicalName] of Object.entries(RELAYED)) {
  const members = (service, name) => Object.keys(parsed[service].components?.schemas?.[name]?.properties ?? {}).sort();
  const portal = members("portal", portalName);
  const clinical = members("clinical", clinicalName);
  if (portal.length === 0 || portal.join() !== clinical.join()) {
    failures.push(`portal ${portalName} [${portal}] is not clinical ${clinicalName} [${clinical}], which it relays`);
  }
}

run("tsc", ["--project", join(here, "tsconfig.json")]);
for (const [service, file] of Object.entries(documents)) {
  run("spectral", ["lint", file, "--ruleset", join(here, ".spectral.yaml"), "--fail-severity", "warn",
    "--display-only-failures"], `Spectral (${service})`);
}

if (failures.length > 0) {
  console.error(`The API contract check failed:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
console.log("API contract check passed: clients generated, strictly typed, Spectral clean.");

/** JSON bodies a generated client cannot use: unknown, empty, or inline (unnamed) types. */
function untypedBodies(service, source) {
  const lines = source.split("\n");
  const empty = new Set();
  for (const line of lines) {
    const declared = /^ {8}(\w+): (Record<string, never>|unknown|\{\});$/.exec(line);
    if (declared) empty.add(declared[1]);
  }
  const found = [];
  lines.forEach((line, index) => {
    const body = /^\s*"([a-z]+\/[^"]*json)": (.*);?$/.exec(line);
    if (!body) return;
    const [, media, typeText] = body;
    const type = typeText.replace(/;$/, "");
    const named = /^components\["schemas"\]\["(\w+)"\](\[\])?$/.exec(type);
    const where = `${service}.ts:${index + 1} ${media}`;
    if (named && empty.has(named[1])) {
      found.push(`${where} is ${named[1]}, an empty type`);
    } else if (!named) {
      found.push(`${where} is typed ${type === "{" ? "inline" : type}, not a named schema`);
    }
  });
  return found;
}

function run(tool, args, label = tool) {
  try {
    execFileSync(bin(tool), args, { cwd: here, stdio: "inherit" });
  } catch {
    failures.push(`${label} failed (see above)`);
  }
}
