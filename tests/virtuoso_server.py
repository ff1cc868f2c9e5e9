"""A throw-away Virtuoso Open Source server (Debian's ``virtuoso-opensource``) for endpoint tests.

``start_virtuoso(root)`` writes its own ``virtuoso.ini`` in ``root`` (database, log and lock
files there; SQL and HTTP ports picked free on 127.0.0.1), starts ``virtuoso-t`` in the
foreground and waits until ``/sparql`` answers. ``load(server, file, graph)`` bulk-loads an
N-Triples file into a named graph with Virtuoso's own loader (``ld_dir`` + ``rdf_loader_run``
through ``isql-vt``). ``stop(server)`` ends the process; the caller removes ``root``.

Virtuoso is required where ``GOVKG_REQUIRE_VIRTUOSO=1`` (``.ci/run`` sets it): there its
absence fails the tests instead of skipping them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from oxigraph_server import answers, free_port  # one definition of each, for every server

VIRTUOSO = "virtuoso-t"
ISQL = "isql-vt"
REQUIRED = os.environ.get("GOVKG_REQUIRE_VIRTUOSO") == "1"

INI = """\
[Database]
DatabaseFile       = {root}/virtuoso.db
ErrorLogFile       = {root}/virtuoso.log
LockFile           = {root}/virtuoso.lck
TransactionFile    = {root}/virtuoso.trx
xa_persistent_file = {root}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {root}/virtuoso-temp.db
TransactionFile    = {root}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort           = 127.0.0.1:{sql_port}
DisableUnixSocket    = 1
MaxClientConnections = 8
CheckpointInterval   = 0
DirsAllowed          = ., {root}, {data_dir}
NumberOfBuffers      = {buffers}
MaxDirtyBuffers      = {dirty}
ThreadsPerQuery      = 2
MaxQueryMem          = 1G

[HTTPServer]
ServerPort           = 127.0.0.1:{http_port}
ServerRoot           = {root}/vsp
MaxClientConnections = 8
ServerThreads        = 8
EnabledDavVSP        = 0
Charset              = UTF-8

[SPARQL]
ResultSetMaxRows           = 10000000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime      = 600
"""


def available() -> bool:
    return bool(shutil.which(VIRTUOSO) and shutil.which(ISQL))


def require() -> None:
    """Skip when Virtuoso is not installed — or fail, where CI requires it."""
    if available():
        return
    message = "Virtuoso is not installed (apt-get install virtuoso-opensource)"
    if REQUIRED:
        pytest.fail(message + "; GOVKG_REQUIRE_VIRTUOSO=1 requires it")
    pytest.skip(message)


@dataclass
class Virtuoso:
    root: Path
    process: subprocess.Popen
    sql_port: int
    http_port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    def isql(self, statements: str, timeout: float = 600) -> str:
        done = subprocess.run(
            [ISQL, f"127.0.0.1:{self.sql_port}", "dba", "dba", "VERBOSE=OFF", "BANNER=OFF",
             "PROMPT=OFF", "ERRORS=STDOUT", f"EXEC={statements}"],
            capture_output=True, text=True, timeout=timeout)
        if done.returncode != 0 or "*** Error" in done.stdout:
            raise RuntimeError(f"isql failed: {(done.stdout + done.stderr)[-800:]}")
        return done.stdout


def start_virtuoso(root: Path, data_dir: Path | None = None, memory_mb: int = 400, wait: float = 120) -> Virtuoso:
    """Start a fresh Virtuoso with its database in ``root``; ``data_dir`` is where files to
    bulk-load may live. ~8 kB per buffer: ``memory_mb`` sets NumberOfBuffers."""
    (root / "vsp").mkdir(parents=True, exist_ok=True)  # the web root: empty, only /sparql is used
    buffers = max(2000, memory_mb * 1024 // 8 * 2 // 3)
    last = ""
    for _ in range(3):  # a port picked free may be taken before the server binds it
        sql_port, http_port = free_port(), free_port()
        ini = root / "virtuoso.ini"
        ini.write_text(INI.format(root=root, data_dir=data_dir or root,
                                  sql_port=sql_port, http_port=http_port, buffers=buffers,
                                  dirty=buffers * 3 // 4))
        log = open(root / "stdout.log", "wb")
        process = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(ini)], cwd=root,
                                   stdout=log, stderr=subprocess.STDOUT)
        server = Virtuoso(root, process, sql_port, http_port)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline and process.poll() is None:
            if answers(server.url, "ASK { ?s ?p ?o }"):
                log.close()
                return server
            time.sleep(0.3)
        stop(server)
        log.close()
        last = (root / "stdout.log").read_text(errors="replace")[-800:]
        for name in root.glob("virtuoso*"):
            if name.name != "virtuoso.ini":
                name.unlink()
    raise RuntimeError(f"virtuoso did not start: {last}")


def load(server: Virtuoso, path: Path, graph: str) -> None:
    """Bulk-load one RDF file into ``graph`` with Virtuoso's loader, then checkpoint."""
    server.isql(f"ld_dir('{path.parent}', '{path.name}', '{graph}'); rdf_loader_run(); checkpoint;")
    errors = server.isql("SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL;")
    if path.name in errors:
        raise RuntimeError(f"virtuoso could not load {path}: {errors[-500:]}")


def grant_graph_store_writes(server: Virtuoso) -> None:
    """Let the anonymous SPARQL user write through /sparql-graph-crud (a throw-away database
    only; a real server keeps writes behind /sparql-graph-crud-auth)."""
    server.isql("GRANT SPARQL_UPDATE TO \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET('nobody', 7);")


def stop(server: Virtuoso) -> None:
    if server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait(timeout=10)


GRAPH = "https://w3id.org/govkg/graph"


@pytest.fixture(scope="session")
def virtuoso_endpoint(tmp_path_factory, govkg_cache):  # noqa: F811 (govkg_cache from oxigraph_server)
    """A throw-away Virtuoso holding the exported bundled graph in the named graph GRAPH
    (its default graph is the union of all graphs, system graphs included)."""
    require()
    from govkg.export import export_graph

    root = tmp_path_factory.mktemp("virtuoso")
    (root / "data").mkdir()
    export_graph("nt", root / "data" / "govkg.nt")
    server = start_virtuoso(root / "db", root / "data")
    try:
        load(server, root / "data" / "govkg.nt", GRAPH)
        grant_graph_store_writes(server)
        yield server
    finally:
        stop(server)
