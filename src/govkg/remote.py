"""A SPARQL 1.1 endpoint as a govkg graph: a client that survives the server.

Why a client of its own (on :mod:`http.client`) rather than ``urllib.urlopen``: a server
shared by many, or a broken or hostile one, must not be able to hold a command longer than
its ``--timeout``, fill the memory, or crash it with an odd answer. So:

- **one deadline per command**: ``--timeout`` bounds the whole exchange — every query the
  command sends, connect, headers and body — not each read. A watchdog shuts the socket
  when the time is up, so even a server trickling one byte a second stops on time;
- **a cap on the answer's size** (``--max-response``), counted while reading;
- **streaming**: results are parsed by pyoxigraph's SPARQL JSON / N-Triples parsers while
  they arrive, never read whole into memory first;
- **any malformed answer** (not JSON, wrong shape, top-level list, deep nesting, variables
  that are not the query's, a row missing a variable the query always binds, no row where
  one is due) becomes one :class:`EndpointError` naming the endpoint and what was wrong;
- **credentials** come from the environment (``GOVKG_ENDPOINT_USER`` /
  ``GOVKG_ENDPOINT_PASSWORD``), ``~/.netrc`` (or ``$NETRC``), user info in the URL or
  ``--header 'Authorization: …'``; they are sent only when the server asks (HTTP 401, Basic
  or Digest) or the user set the header, and never appear in a message: errors name the
  endpoint by scheme, host, port and path only.

Named graphs: ``graphs`` become the protocol's ``default-graph-uri`` parameters, so every
query of every command reads only those graphs (Virtuoso's own default graph is the union
of all its graphs, system graphs included).
"""

from __future__ import annotations

import base64
import http.client
import os
import re
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterable, Iterator, Mapping, Sequence

import pyoxigraph as ox

from govkg.errors import EndpointError, InputError
from govkg.namespaces import PREFIXES
from govkg.sparql import Backend, Results, Term, from_oxigraph, query_form, with_values

#: default cap on one answer (bytes); ``--max-response`` changes it
DEFAULT_MAX_BYTES = 512 * 1024 * 1024
#: how much of an error page is read to quote its first line
_ERROR_BODY_BYTES = 4096
_READ_CHUNK = 64 * 1024
_REDIRECTS = 5
_HEADER_NAME = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
USER_ENV, PASSWORD_ENV = "GOVKG_ENDPOINT_USER", "GOVKG_ENDPOINT_PASSWORD"


# ------------------------------------------------------------------ small parts


class Deadline:
    """The time a command may spend talking to the server, started once and shared."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        return self.end - time.monotonic()

    @property
    def expired(self) -> bool:
        return self.left() <= 0


def parse_headers(lines: Iterable[str]) -> list[tuple[str, str]]:
    """``'Name: value'`` strings as (name, value); InputError naming the bad one (not its value)."""
    out = []
    for line in lines:
        name, sep, value = line.partition(":")
        name, value = name.strip(), value.strip()
        if not sep or not _HEADER_NAME.match(name):
            raise InputError(f"--header: expected 'Name: value', got a header named {name[:40]!r}")
        if any(c in value for c in "\r\n\0"):
            raise InputError(f"--header {name}: the value contains a line break")
        out.append((name, value))
    return out


def _printable(text: str, limit: int = 200) -> str:
    """Server text made safe to print on one line (no terminal escapes), shortened."""
    text = "".join(c if c.isprintable() else " " for c in text)
    text = re.sub(r"\s+", " ", text).strip()
    return text[:limit] + ("…" if len(text) > limit else "")


class Endpoint:
    """Where the server is, how to reach it and how to name it in messages (no secrets)."""

    def __init__(self, url: str, headers: Sequence[tuple[str, str]] = ()):
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise InputError(f"not an http(s) endpoint URL: {_public(url)!r}")
        try:
            parsed.port
        except ValueError:
            raise InputError(f"not a valid port in endpoint URL {_public(url)!r}") from None
        self.parsed = parsed
        self.headers = list(headers)
        self.url_user = urllib.parse.unquote(parsed.username) if parsed.username else None
        self.url_password = urllib.parse.unquote(parsed.password) if parsed.password else None
        #: the endpoint as messages show it: no user info; a query string reduced to "?…"
        self.name = _public(url)

    def target(self, params: Sequence[tuple[str, str]] = ()) -> str:
        """Path and query string for the request line."""
        query = self.parsed.query
        extra = urllib.parse.urlencode(list(params))
        query = "&".join(q for q in (query, extra) if q)
        return (self.parsed.path or "/") + (f"?{query}" if query else "")

    def credentials(self) -> tuple[str, str] | None:
        """(user, password) from the URL, the environment or netrc; None if none is set."""
        if self.url_user is not None:
            return self.url_user, self.url_password or ""
        user, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
        if user:
            return user, password or ""
        import netrc

        path = os.environ.get("NETRC") or os.path.join(os.path.expanduser("~"), ".netrc")
        if not os.path.isfile(path):
            return None
        try:
            found = netrc.netrc(path).authenticators(self.parsed.hostname)
        except (netrc.NetrcParseError, OSError) as exc:
            raise InputError(f"{path}: cannot read: {getattr(exc, 'msg', None) or exc}") from None
        return (found[0], found[2] or "") if found else None


def _public(url: str) -> str:
    try:
        parsed = urllib.parse.urlsplit(url)
        host = parsed.hostname or ""
        port = f":{parsed.port}" if parsed.port else ""
    except ValueError:
        return "(unparsable URL)"
    if ":" in host:
        host = f"[{host}]"
    return f"{parsed.scheme}://{host}{port}{parsed.path}" + ("?…" if parsed.query else "")


# ------------------------------------------------------------------ one HTTP exchange


class Response:
    """A streaming response body: reads count against the size cap and the deadline."""

    def __init__(self, client: HttpClient, conn, response: http.client.HTTPResponse, watchdog):
        self.client = client
        self.conn = conn
        self.raw = response
        self.status = response.status
        self.content_type = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
        self.watchdog = watchdog
        self.count = 0
        #: the govkg error that stopped reading (pyoxigraph only sees an OSError)
        self.error: EndpointError | None = None

    def read(self, size: int = -1) -> bytes:
        if self.error:
            raise OSError(str(self.error))
        if self.client.deadline.expired:
            self.error = self.client.timeout_error()
            raise OSError(str(self.error))
        try:
            data = self.raw.read1(size if 0 < size <= _READ_CHUNK else _READ_CHUNK)
        except (OSError, http.client.HTTPException) as exc:
            self.error = self.client.timeout_error() if self.client.deadline.expired else EndpointError(
                f"endpoint {self.client.endpoint.name}: the answer broke off: {_printable(str(exc)) or type(exc).__name__}")
            raise OSError(str(self.error)) from None
        if not data and self.client.deadline.expired:
            self.error = self.client.timeout_error()
            raise OSError(str(self.error))
        self.count += len(data)
        if self.count > self.client.max_bytes:
            self.error = EndpointError(
                f"endpoint {self.client.endpoint.name}: the answer is larger than the "
                f"{_size(self.client.max_bytes)} cap (--max-response); ask for less (LIMIT) or raise the cap")
            raise OSError(str(self.error))
        return data

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def readable(self) -> bool:
        return True

    def head(self, limit: int = _ERROR_BODY_BYTES) -> str:
        """The start of the body as text (for error messages), never more than ``limit`` bytes."""
        chunks, total = [], 0
        try:
            while total < limit:
                data = self.raw.read1(limit - total)
                if not data:
                    break
                chunks.append(data)
                total += len(data)
        except (OSError, http.client.HTTPException):
            pass
        return b"".join(chunks).decode("utf-8", "replace")

    def close(self) -> None:
        self.watchdog.cancel()
        try:
            self.raw.close()
        finally:
            self.conn.close()


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:g} {unit}" if unit == "B" else f"{n:.0f} {unit}"
        n /= 1024
    return str(n)


class HttpClient:
    """HTTP requests to one endpoint under one deadline and one size cap."""

    def __init__(self, endpoint: Endpoint, deadline: Deadline, max_bytes: int = DEFAULT_MAX_BYTES):
        self.endpoint = endpoint
        self.deadline = deadline
        self.max_bytes = max_bytes

    def timeout_error(self) -> EndpointError:
        return EndpointError(f"endpoint {self.endpoint.name} did not finish within "
                             f"{self.deadline.seconds:g} s (--timeout, the whole exchange)")

    def request(self, method: str, params: Sequence[tuple[str, str]] = (), body=None,
                headers: Mapping[str, str] | None = None, ok=(200,), probe: bool = False) -> Response:
        """Send one request (following redirects, answering one auth challenge); the open
        response when its status is in ``ok``, else EndpointError/InputError naming it.

        ``body`` is bytes or ``(length, factory)``, ``factory()`` giving a fresh iterator of
        byte chunks (a large upload streams and can be resent after an auth challenge). With
        ``probe=True`` and credentials at hand, a HEAD request fetches the challenge first, so
        a large body is sent once.
        """
        parsed = self.endpoint.parsed
        target = self.endpoint.target(params)
        authorization = None
        if probe and self.endpoint.credentials() is not None and not any(
                k.lower() == "authorization" for k, _ in self.endpoint.headers):
            response = self._send(parsed, "HEAD", target, None, {}, None)
            challenge = response.raw.getheader("WWW-Authenticate") or ""
            response.close()
            if response.status == 401:
                authorization = self._authorization(challenge, method, target)
        retried_auth = False
        for _ in range(_REDIRECTS + 2):
            response = self._send(parsed, method, target, body, headers or {}, authorization)
            if response.status in ok:
                return response
            if response.status == 401 and not retried_auth:
                retried_auth = True
                challenge = response.raw.getheader("WWW-Authenticate") or ""
                response.head()
                response.close()
                authorization = self._authorization(challenge, method, target)
                if authorization:
                    continue
                raise EndpointError(f"endpoint {self.endpoint.name} asks for credentials (HTTP 401); set "
                                    f"{USER_ENV}/{PASSWORD_ENV}, a ~/.netrc entry or --header 'Authorization: …'")
            if response.status in (301, 302, 303, 307, 308):
                location = response.raw.getheader("Location") or ""
                response.close()
                new = urllib.parse.urlsplit(urllib.parse.urljoin(urllib.parse.urlunsplit(parsed), location))
                if new.scheme not in ("http", "https") or (new.hostname, new.port) != (parsed.hostname, parsed.port):
                    raise EndpointError(f"endpoint {self.endpoint.name} redirects elsewhere "
                                        f"({_public(urllib.parse.urlunsplit(new))}); give that URL instead")
                parsed, target = new, new.path + (f"?{new.query}" if new.query else "")
                continue
            raise self._status_error(response, authorization is not None or any(
                k.lower() == "authorization" for k, _ in self.endpoint.headers))
        raise EndpointError(f"endpoint {self.endpoint.name}: too many redirects")

    def _status_error(self, response: Response, sent_credentials: bool):
        detail = _printable(response.head())
        response.close()
        hint = f": {detail}" if detail else ""
        if response.status == 400:
            return InputError(f"endpoint {self.endpoint.name} rejected the query (HTTP 400){hint}")
        if response.status in (401, 403) and sent_credentials:
            return EndpointError(f"endpoint {self.endpoint.name} refused the credentials (HTTP {response.status})")
        if response.status == 403:
            return EndpointError(f"endpoint {self.endpoint.name} refused access (HTTP 403){hint}")
        return EndpointError(f"endpoint {self.endpoint.name} failed: HTTP {response.status}{hint}")

    def _send(self, parsed, method, target, body, headers, authorization) -> Response:
        left = self.deadline.left()
        if left <= 0:
            raise self.timeout_error()
        cls = http.client.HTTPSConnection if parsed.scheme == "https" else http.client.HTTPConnection
        conn = cls(parsed.hostname, parsed.port, timeout=left)
        sockets: list = []  # the socket itself: conn.sock is None once a closing answer is handed over
        watchdog = threading.Timer(left, _shut, (sockets,))
        watchdog.daemon = True
        watchdog.start()
        try:
            conn.connect()
            sockets.append(conn.sock)
            conn.putrequest(method, target, skip_accept_encoding=True)
            sent = {k.lower() for k in headers} | {k.lower() for k, _ in self.endpoint.headers}
            for name, value in [*headers.items(), *self.endpoint.headers]:
                conn.putheader(name, value)
            if authorization and "authorization" not in sent:
                conn.putheader("Authorization", authorization)
            conn.putheader("Accept-Encoding", "identity")
            if "user-agent" not in sent:
                from govkg import __version__

                conn.putheader("User-Agent", f"govkg/{__version__}")
            if body is None:
                conn.endheaders()
            elif isinstance(body, bytes):
                conn.putheader("Content-Length", str(len(body)))
                conn.endheaders(body)
            else:  # (length, chunk iterator factory): streamed with its exact length
                length, chunks = body
                conn.putheader("Content-Length", str(length))
                conn.endheaders()
                try:
                    for chunk in chunks():
                        conn.send(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the server answered early (e.g. 401) and hung up: read its answer
            raw = conn.getresponse()
        except (OSError, http.client.HTTPException) as exc:
            watchdog.cancel()
            conn.close()
            if self.deadline.expired or isinstance(exc, TimeoutError):
                raise self.timeout_error() from None
            reason = _printable(str(getattr(exc, "reason", None) or exc)) or type(exc).__name__
            raise EndpointError(f"endpoint {self.endpoint.name} unreachable: {reason}") from None
        return Response(self, conn, raw, watchdog)

    def _authorization(self, challenge: str, method: str, target: str) -> str | None:
        """The Authorization header answering a Basic or Digest challenge, or None."""
        creds = self.endpoint.credentials()
        if creds is None:
            return None
        user, password = creds
        scheme = challenge.split(None, 1)[0].lower() if challenge else "basic"
        if scheme == "basic":
            return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        if scheme == "digest":
            return _digest(challenge, user, password, method, target)
        return None


def _digest(challenge: str, user: str, password: str, method: str, target: str) -> str | None:
    """RFC 7616 Digest (MD5/SHA-256, qop=auth), through urllib's implementation."""
    import urllib.request

    handler = urllib.request.AbstractDigestAuthHandler(urllib.request.HTTPPasswordMgr())
    chal = urllib.request.parse_keqv_list(filter(None, urllib.request.parse_http_list(challenge.split(None, 1)[1])))

    class _Passwords:
        def find_user_password(self, realm, uri):
            return user, password

    handler.passwd = _Passwords()
    request = urllib.request.Request("http://host" + target, method=method)
    try:
        value = handler.get_authorization(request, chal)
    except (KeyError, ValueError):
        return None
    return f"Digest {value}" if value else None


def _shut(sockets) -> None:
    """Watchdog: at the deadline, shut the socket so any blocked or trickling read ends at once
    (the response keeps reading it after the connection object has let it go)."""
    for sock in sockets:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


# ------------------------------------------------------------------ rows


class Row(dict):
    """A SELECT row from a server: asking for a variable it lacks is the server's error
    (the query binds it in every row), named as such — not a KeyError deep in a command.
    Each backend makes a subclass naming its endpoint."""

    endpoint = "endpoint"

    def __missing__(self, name):
        raise EndpointError(f"endpoint {self.endpoint}: a result row lacks ?{name}, "
                            "which the query binds in every row")


# ------------------------------------------------------------------ the backend


class RemoteBackend(Backend):
    """A SPARQL 1.1 endpoint over HTTP: POST form queries, JSON results or N-Triples back."""

    def __init__(self, url: str, timeout: float = 30.0, graphs: Sequence[str] = (),
                 headers: Iterable[str] | Sequence[tuple[str, str]] = (), max_bytes: int | None = None):
        parsed_headers = [h if isinstance(h, tuple) else None for h in headers]
        if None in parsed_headers:
            parsed_headers = parse_headers(headers)
        self.endpoint = Endpoint(url, parsed_headers)
        self.url = self.endpoint.name
        self.timeout = timeout
        self.graphs = list(graphs)
        self.client = HttpClient(self.endpoint, Deadline(timeout), max_bytes or DEFAULT_MAX_BYTES)
        self.description = f"endpoint {self.endpoint.name}"
        self._row = type("Row", (Row,), {"endpoint": self.endpoint.name})

    def _params(self) -> list[tuple[str, str]]:
        return [("default-graph-uri", g) for g in self.graphs]

    def _post(self, query: str, accept: str) -> Response:
        body = urllib.parse.urlencode([("query", query), *self._params()]).encode()
        return self.client.request("POST", body=body, headers={
            "Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})

    def query(self, query: str, bindings: Mapping[str, Term] | None = None, values=None) -> Results:
        form = query_form(query)
        text = _with_missing_prefixes(with_values(query, bindings, values))
        if form in ("CONSTRUCT", "DESCRIBE"):
            return Results(form, triples=list(self._triples(text)))
        expected = _projected_variables(text) if form == "SELECT" else None
        response = self._post(text, "application/sparql-results+json")
        try:
            parsed = ox.parse_query_results(response, format=ox.QueryResultsFormat.JSON)
            if isinstance(parsed, ox.QueryBoolean):
                if form != "ASK":
                    raise self._malformed(f"a yes/no answer to a {form} query")
                return Results("ASK", boolean=bool(parsed))
            variables = [v.value for v in parsed.variables]
            if form == "ASK":
                return Results("ASK", boolean=self._virtuoso_ask(variables, list(parsed)))
            if expected is not None and set(variables) != set(expected):
                raise self._malformed(f"variables ({_vars(variables)}) that are not the query's ({_vars(expected)})")
            rows = []
            for solution in parsed:
                row = self._row()
                for v in variables:
                    term = from_oxigraph(solution[v])
                    if term is not None:
                        row[v] = term
                rows.append(row)
        except (SyntaxError, OSError, ValueError, RecursionError) as exc:
            raise self._unreadable(response, exc, "SPARQL JSON results") from None
        finally:
            response.close()
        return Results("SELECT", expected if expected is not None else variables, rows)

    def _virtuoso_ask(self, variables, solutions) -> bool:
        """Virtuoso answers an ASK that is false with an empty table of one variable,
        ``__ASK_RETVAL`` (and a true one, sometimes, with one row of 1): read it as the
        boolean it means; any other table is a malformed answer."""
        if variables != ["__ASK_RETVAL"] or len(solutions) > 1:
            raise self._malformed("rows in answer to an ASK query")
        if not solutions:
            return False
        value = solutions[0]["__ASK_RETVAL"]
        return value is not None and getattr(value, "value", "") in ("1", "true")

    def _triples(self, text: str) -> Iterator:
        response = self._post(text, "application/n-triples, text/plain;q=0.5")
        try:
            for quad in ox.parse(response, format=ox.RdfFormat.N_TRIPLES):
                yield quad.triple if hasattr(quad, "triple") else quad
        except (SyntaxError, OSError, ValueError) as exc:
            raise self._unreadable(response, exc, "N-Triples") from None
        finally:
            response.close()

    def _malformed(self, what: str) -> EndpointError:
        return EndpointError(f"endpoint {self.endpoint.name} sent a malformed answer: {what}")

    def _unreadable(self, response: Response, exc: Exception, expected: str) -> EndpointError:
        if isinstance(exc, EndpointError):
            return exc
        if response.error is not None:
            return response.error
        if self.client.deadline.expired:
            return self.client.timeout_error()
        kind = f" ({response.content_type})" if response.content_type else ""
        if isinstance(exc, RecursionError):
            return self._malformed("nested too deeply")
        return self._malformed(f"not {expected}{kind}: {_printable(str(exc), 160)}")


def _vars(names: Sequence[str]) -> str:
    return " ".join("?" + n for n in names) or "none"


def _projected_variables(text: str) -> list[str] | None:
    """The variables a SELECT query projects, found by running it on an empty store
    (nothing to evaluate, so it is instant); None if that cannot tell."""
    try:
        result = ox.Store().query(text)
    except (SyntaxError, OSError, RuntimeError, ValueError):
        return None
    if isinstance(result, ox.QuerySolutions):
        return [v.value for v in result.variables]
    return None


def _with_missing_prefixes(query: str) -> str:
    """Predeclare the project prefixes the query does not declare itself (remote servers
    know none of them; redeclaring a prefix the query declares would be an error)."""
    declared = {m.group(1) for m in re.finditer(r"(?i)PREFIX\s+([A-Za-z][\w.-]*)?\s*:", query)}
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items() if p not in declared) + query
