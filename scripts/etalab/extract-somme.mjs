#!/usr/bin/env node
// Extracts the Somme (département 80) subset of @etalab/decoupage-administratif.
// Usage: node extract-somme.mjs <unpacked-package-dir> <output-dir>
// Called by make-somme-extract.sh, which fetches and unpacks the package.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const DEPT = '80';
const EXPECTED_COMMUNES = 771;

const [pkgDir, outDir] = process.argv.slice(2);
if (!pkgDir || !outDir) {
  console.error('usage: node extract-somme.mjs <package-dir> <output-dir>');
  process.exit(2);
}

const readJson = (rel) => JSON.parse(readFileSync(join(pkgDir, rel), 'utf8'));
const pkg = readJson('package.json');
const communesAll = readJson('data/communes.json');
const epciAll = readJson('data/epci.json');
const departementsAll = readJson('data/departements.json');

const communes = communesAll.filter(
  (c) => c.departement === DEPT && c.type === 'commune-actuelle',
);
console.log(`communes (departement=${DEPT}, type=commune-actuelle): ${communes.length}`);
if (communes.length !== EXPECTED_COMMUNES) {
  console.error(`ERROR: expected ${EXPECTED_COMMUNES} communes, found ${communes.length}`);
  process.exit(1);
}
const sommeCodes = new Set(communes.map((c) => c.code));

const inSomme = (m) => sommeCodes.has(m.code);
const epci = epciAll.filter((e) => (e.membres || []).some(inSomme));
console.log(`epci with at least one member in ${DEPT}: ${epci.length}`);

// Sanity: a member code starting with "80" that is not a current Somme commune.
for (const e of epciAll) {
  for (const m of e.membres || []) {
    if (m.code.startsWith(DEPT) && !sommeCodes.has(m.code)) {
      console.warn(`WARNING: EPCI ${e.code} member ${m.code} (${m.nom}) is not a current Somme commune`);
    }
  }
}

const departements = departementsAll.filter((d) => d.code === DEPT);
if (departements.length !== 1) {
  console.error(`ERROR: expected 1 departement entry for ${DEPT}, found ${departements.length}`);
  process.exit(1);
}
console.log(`departements: ${departements.length} (${departements[0].nom})`);

const communesWithEpci = new Set(epci.flatMap((e) => e.membres.filter(inSomme).map((m) => m.code)));
const withoutEpci = communes.filter((c) => !communesWithEpci.has(c.code));
console.log(`Somme communes with no EPCI: ${withoutEpci.length}`);
for (const c of withoutEpci) console.warn(`  no EPCI: ${c.code} ${c.nom}`);

const multi = communes.filter(
  (c) => epci.filter((e) => e.membres.some((m) => m.code === c.code)).length > 1,
);
if (multi.length) console.warn(`WARNING: ${multi.length} Somme communes in more than one EPCI`);

for (const e of epci) {
  const n80 = e.membres.filter(inSomme).length;
  console.log(`  ${e.code}\t${e.type}\t${n80}/${e.membres.length}\t${e.nom}`);
}

mkdirSync(outDir, { recursive: true });
const write = (name, data) =>
  writeFileSync(join(outDir, name), JSON.stringify(data, null, 2) + '\n', 'utf8');
write('communes.json', communes);
write('epci.json', epci);
write('departements.json', departements);

const today = new Date().toISOString().slice(0, 10);
const source = `# Somme (département 80) reference-data extract

- Source package: \`${pkg.name}\` version \`${pkg.version}\` (npm registry)
- Licence of the data: Licence Ouverte / Open Licence (Etalab), as stated in the
  package README ("Données : Licence Ouverte"); the package code is MIT.
  Producer: Etalab / DINUM, from INSEE (COG) and DGCL (EPCI) sources.
- Date of extraction: ${today}

## Contents

| file | selection | entries |
| --- | --- | --- |
| \`communes.json\` | \`data/communes.json\` entries with \`departement\` = "80" and \`type\` = "commune-actuelle" | ${communes.length} |
| \`epci.json\` | \`data/epci.json\` entries with at least one member commune in the Somme (all their members kept, including those outside 80) | ${epci.length} |
| \`departements.json\` | \`data/departements.json\` entry with \`code\` = "80" | ${departements.length} |

Entries are copied unchanged (same fields and values as the package), only
re-serialised as pretty-printed JSON (2-space indent). Somme communes without
an EPCI: ${withoutEpci.length}.

## Regenerate

\`\`\`sh
scripts/etalab/make-somme-extract.sh            # writes data/etalab/somme/
scripts/etalab/make-somme-extract.sh OUT_DIR    # or another folder
\`\`\`

Needs \`npm\` and \`node\`; it runs \`npm pack ${pkg.name}@${pkg.version}\` in a
temporary folder, unpacks it and runs \`scripts/etalab/extract-somme.mjs\`.
`;
writeFileSync(join(outDir, 'SOURCE.md'), source, 'utf8');
console.log(`written to ${outDir}`);
