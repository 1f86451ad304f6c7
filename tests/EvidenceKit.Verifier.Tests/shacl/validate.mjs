// Validates one RDF file (JSON-LD or Turtle) against every .ttl file under an ontology folder (CASE and UCO), the
// way the CASE project's case_validate does: the ontology files are both the shapes graph and mixed into the data
// graph, no inference. SHACL-SPARQL constraints run too (sparql-constraints.mjs). Prints one JSON object (counts by
// severity, the SPARQL queries run and retried, and each result) and exits 0 when no sh:Violation has a focus node of
// the data file, 1 when one has, 2 on bad input, 3 when the validation could not finish.
//
// Results whose focus node is not a node of the data file are about the ontology itself and are counted apart
// (ontologyCounts): shacl-engine 1.1.2 reports UCO's owl.ttl SPARQL constraints on sh:path lists
// ("An OWL Datatype Property cannot use a SHACL ClassConstraintComponent", ...) for hundreds of UCO's own
// properties, which the released ontology does not have; they say nothing about the export.
// Usage: node validate.mjs ONTOLOGY_DIR DATA_FILE
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import rdf from '@zazuko/env-node'
import { Validator } from 'shacl-engine'
import { targetResolvers } from 'shacl-engine/sparql.js'
import { SparqlConstraints } from './sparql-constraints.mjs'

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
const dataNodes = new Set()
for (const quad of data) {
  dataNodes.add(quad.subject.value)
  if (quad.object.termType !== 'Literal') dataNodes.add(quad.object.value)
}
data.addAll(ontology)

const sparql = new SparqlConstraints(rdf)
const validator = new Validator(ontology, { factory: rdf, targetResolvers, validations: sparql.validations() })
let report
try {
  report = await validator.validate({ dataset: data })
} catch (error) {
  console.error(`validation failed: ${error.message}`)
  process.exit(3)
}

const sh = 'http://www.w3.org/ns/shacl#'
const counts = { Violation: 0, Warning: 0, Info: 0 }
const ontologyCounts = { Violation: 0, Warning: 0, Info: 0 }
const results = report.results.flatMap(r => {
  const severity = r.severity?.value?.replace(sh, '') ?? 'Violation'
  const focus = r.focusNode?.value ?? r.focusNode?.term?.value
  if (!dataNodes.has(focus)) {
    ontologyCounts[severity] = (ontologyCounts[severity] ?? 0) + 1
    return []
  }
  counts[severity] = (counts[severity] ?? 0) + 1
  return [{
    severity,
    focusNode: focus,
    path: r.path?.map?.(step => step.predicates?.map(p => p.value).join('|')).join('/') ?? undefined,
    value: r.value?.value ?? r.value?.term?.value,
    constraint: r.constraintComponent?.value,
    shape: r.shape?.ptr?.term?.value ?? r.shape?.term?.value,
    message: r.message?.map(m => m.value)
  }]
})
// Exit only once the report is written out: a pipe may still hold it when process.exit would cut it off.
process.stdout.write(JSON.stringify({ ontologyFiles: files.length, dataQuads, counts, ontologyCounts, sparql: { queries: sparql.queries, retries: sparql.retries }, results }, null, 1) + '\n',
  () => process.exit(counts.Violation === 0 ? 0 : 1))
