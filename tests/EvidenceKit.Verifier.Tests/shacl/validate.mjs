// Validates one RDF file (JSON-LD or Turtle) against every .ttl file under an ontology folder (CASE and UCO), the
// way the CASE project's case_validate does: the ontology files are both the shapes graph and mixed into the data
// graph, no inference. SHACL-SPARQL constraints run too. Prints one JSON object (counts by severity and each
// result) and exits 0 when there is no sh:Violation, 1 when there is, 2 on bad input.
// Usage: node validate.mjs ONTOLOGY_DIR DATA_FILE
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import rdf from '@zazuko/env-node'
import { Validator } from 'shacl-engine'
import { targetResolvers, validations } from 'shacl-engine/sparql.js'

const [ontologyDir, dataFile] = process.argv.slice(2)
if (!ontologyDir || !dataFile) {
  console.error('usage: node validate.mjs ONTOLOGY_DIR DATA_FILE')
  process.exit(2)
}

function turtleFiles (dir, depth = 0) {
  if (depth > 8) return []
  return readdirSync(dir).sort().flatMap(name => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return turtleFiles(path, depth + 1)
    return name.endsWith('.ttl') ? [path] : []
  })
}

const ontology = rdf.dataset()
const files = turtleFiles(ontologyDir)
if (files.length === 0) {
  console.error(`no .ttl files under ${ontologyDir}`)
  process.exit(2)
}
for (const file of files) {
  await ontology.import(rdf.fromFile(file))
}
const data = rdf.dataset()
await data.import(rdf.fromFile(dataFile))
const dataQuads = data.size
data.addAll(ontology)

const validator = new Validator(ontology, { factory: rdf, targetResolvers, validations })
const report = await validator.validate({ dataset: data })

const sh = 'http://www.w3.org/ns/shacl#'
const counts = { Violation: 0, Warning: 0, Info: 0 }
const results = report.results.map(r => {
  const severity = r.severity?.value?.replace(sh, '') ?? 'Violation'
  counts[severity] = (counts[severity] ?? 0) + 1
  return {
    severity,
    focusNode: r.focusNode?.value ?? r.focusNode?.term?.value,
    path: r.path?.map?.(step => step.predicates?.map(p => p.value).join('|')).join('/') ?? undefined,
    value: r.value?.value ?? r.value?.term?.value,
    constraint: r.constraintComponent?.value,
    shape: r.shape?.ptr?.term?.value ?? r.shape?.term?.value,
    message: r.message?.map(m => m.value)
  }
})
console.log(JSON.stringify({ ontologyFiles: files.length, dataQuads, conforms: report.conforms, counts, results }, null, 1))
process.exit(counts.Violation === 0 ? 0 : 1)
