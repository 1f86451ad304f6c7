// SHACL-SPARQL constraints (sh:sparql with sh:select) for shacl-engine: one Comunica engine over one N3 store of the
// data graph, one query at a time, each bounded in time. shacl-engine 1.1.2's own implementation starts a new engine
// and a new stream source per focus node, all at once; on some exports one of those queries never finishes and node
// exits 13 with the validation unsettled (seen on a prosecution bundle with two custody events, focus node: the
// bundle's provenance record, query: UCO core's "UcoThings are required to not be blank nodes"). The same query on a
// fresh engine and store answers in seconds, so a query that stalls for STALL_MS is evaluated once more on fresh ones
// (counted in `retries`); a query that still does not finish is an error (exit 3), never a silent hang.
import { QueryEngine } from '@comunica/query-sparql-rdfjs-lite'
import { BindingsFactory } from '@comunica/utils-bindings-factory'
import { Store } from 'n3'
import parsePath from 'shacl-engine/lib/parsePath.js'
import { stringifyPath } from 'shacl-engine/lib/sparql.js'

const SH = 'http://www.w3.org/ns/shacl#'
const OWL_IMPORTS = 'http://www.w3.org/2002/07/owl#imports'
const STALL_MS = 15_000
const QUERY_TIMEOUT_MS = 300_000

export class SparqlConstraints {
  constructor (factory) {
    this.factory = factory
    this.engine = new QueryEngine()
    this.bindingsFactory = new BindingsFactory(factory)
    this.stores = new WeakMap()
    this.queue = Promise.resolve()
    this.queries = 0
    this.retries = 0
  }

  /** The validations map entry for sh:sparql. */
  validations () {
    const sparql = this.factory.namedNode(SH + 'sparql')
    return new Map([[sparql, shape => ({ generic: this.#validator(shape) })]])
  }

  #storeOf (dataset) {
    let store = this.stores.get(dataset)
    if (!store) {
      store = new Store([...dataset])
      this.stores.set(dataset, store)
    }
    return store
  }

  #compile (shape) {
    const f = this.factory
    const select = shape.sparql.out([f.namedNode(SH + 'select')]).value
    const prefixes = []
    const collect = ptr => {
      for (const imported of ptr.out([f.namedNode(OWL_IMPORTS)])) collect(imported)
      for (const declare of ptr.out([f.namedNode(SH + 'declare')])) {
        prefixes.push(`PREFIX ${declare.out([f.namedNode(SH + 'prefix')]).value}: <${declare.out([f.namedNode(SH + 'namespace')]).value}>`)
      }
    }
    collect(shape.sparql.out([f.namedNode(SH + 'prefixes')]))
    const path = stringifyPath(shape.path)
    return [...prefixes, select].filter(Boolean).join('\n').split('$PATH').join(path)
  }

  #validator (shape) {
    const query = this.#compile(shape)
    const message = shape.sparql.out([this.factory.namedNode(SH + 'message')]).terms
    const source = shape.sparql.terms
    const component = this.factory.namedNode(SH + 'SPARQLConstraintComponent')
    return async context => {
      const rows = await this.#select(query, context.focusNode.dataset, context.focusNode.term)
      for (const row of rows) {
        const args = {}
        for (const [key, value] of row) args[key.value] = value
        const pathTerm = row.get('path')
        const path = pathTerm ? parsePath(context.focusNode.node([pathTerm])) : undefined
        const value = context.focusNode.node([row.get('value') || context.focusNode.term])
        context.violation(component, { args, message, path, source, value })
      }
      if (rows.length === 0) context.debug(component, { source })
    }
  }

  #fresh (term) {
    return term.termType === 'BlankNode' ? this.factory.blankNode(term.value) : this.factory.namedNode(term.value)
  }

  #select (query, dataset, focus) {
    const run = async () => {
      this.queries++
      const term = this.#fresh(focus)
      try {
        return await this.#query(this.engine, this.#storeOf(dataset), query, term, STALL_MS)
      } catch (error) {
        if (!(error instanceof Stalled)) throw error
        // A fresh engine over a fresh store of the same quads: the query that stalled on the shared ones is
        // answered by a clean evaluation (a result is a result; a second stall is an error, not a hang).
        this.retries++
        return await this.#query(new QueryEngine(), new Store([...dataset]), query, term, QUERY_TIMEOUT_MS)
      }
    }
    const result = this.queue.then(run, run)
    this.queue = result.catch(() => {})
    return result
  }

  async #query (engine, store, query, focus, limitMs) {
    const initialBindings = this.bindingsFactory.bindings([[this.factory.variable('this'), focus]])
    const stream = await engine.queryBindings(query, { sources: [store], initialBindings })
    let timer
    const timeout = new Promise((resolve, reject) => {
      timer = setTimeout(() => {
        stream.destroy?.()
        reject(new Stalled(`a SPARQL constraint did not finish within ${limitMs} ms for ${focus.value}`))
      }, limitMs)
    })
    try {
      return await Promise.race([stream.toArray(), timeout])
    } finally {
      clearTimeout(timer)
    }
  }
}

class Stalled extends Error {}
