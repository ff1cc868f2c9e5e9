"""The project's namespaces, as plain strings so that importing them costs nothing.

rdflib ``Namespace`` objects are built lazily by :func:`rdflib_namespaces` for code that
already pays for rdflib; the fast paths (pyoxigraph) only need the strings.
"""

BASE = "https://w3id.org/govkg/"
GK = BASE + "def#"
ID = BASE + "id/"

#: prefix -> namespace IRI, predeclared in every SPARQL query and bound in every export.
PREFIXES: dict[str, str] = {
    "gk": GK,
    "inst": ID + "inst/",
    "dept": ID + "dept/",
    "role": ID + "role/",
    "duty": ID + "duty/",
    "asg": ID + "assignment/",
    "xfer": ID + "transfer/",
    "event": ID + "event/",
    "src": ID + "source/",
    "legal": ID + "legal/",
    "domain": ID + "domain/",
    "cat": ID + "category/",
    "proc": ID + "procurement/",
    "post": ID + "post/",
    "act": ID + "act/",
    "person": ID + "person/",
    "plan": ID + "plan/",
    "platform": ID + "platform/",
    "ptype": ID + "power-type/",
    "org": "http://www.w3.org/ns/org#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "time": "http://www.w3.org/2006/time#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "m8g": "http://data.europa.eu/m8g/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": "http://www.w3.org/ns/shacl#",
    "wd": "http://www.wikidata.org/entity/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "qudt": "http://qudt.org/schema/qudt/",
}


def sparql_prologue() -> str:
    """PREFIX lines for every project prefix, to put in front of user queries."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def bind_prefixes(graph) -> None:
    """Bind the project prefixes on an rdflib graph (for readable Turtle)."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True)


def expand_curie(text: str) -> str | None:
    """Return the full IRI of a CURIE such as ``inst:ndrc``, or None if it is not one."""
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return None
