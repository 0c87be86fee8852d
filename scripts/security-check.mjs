// `npm test` step: electronegativity over the built app (out/: main, preload and the renderer's HTML).
// Every HIGH or MEDIUM finding must have a written reason in security-reviewed.json, else this fails.
// A file electronegativity cannot parse fails too: its checks would silently not run on it (a global
// check such as "navigation is limited" then reports a false alarm, and atomic checks miss real ones).
import { createRequire } from 'node:module';
import { relative } from 'node:path';

const require = createRequire(import.meta.url);
const electronegativity = require('@doyensec/electronegativity');
const electronVersion = require('electron/package.json').version;
const reviewed = require('./security-reviewed.json');

const { errors, issues } = await electronegativity({
  input: new URL('../out', import.meta.url).pathname,
  isRelative: true,
  isVerbose: false,
  electronVersionOverride: electronVersion,
  parserPlugins: [],
});

for (const error of errors)
  console.log(
    `UNPARSED    ${relative(process.cwd(), error.file)}: ${error.message} (its checks did not run)`,
  );
let unexplained = 0;
for (const issue of issues) {
  const severity = issue.severity.name;
  const reason = reviewed[issue.id];
  const serious = severity === 'HIGH' || severity === 'MEDIUM';
  if (serious && reason === undefined) unexplained++;
  console.log(
    `${serious && reason === undefined ? 'UNEXPLAINED' : 'reviewed   '} ${severity} ${issue.id} ` +
      `${issue.file}:${issue.location.line}:${issue.location.column}` +
      (reason ? `\n    ${reason}` : ''),
  );
}
const parseFailures = errors.filter((e) => !e.tolerable).length;
console.log(
  `electronegativity: ${issues.length} findings, ${unexplained} HIGH/MEDIUM without a reason, ` +
    `${parseFailures} files it could not parse`,
);
process.exit(unexplained === 0 && parseFailures === 0 ? 0 : 1);
