"""Is a literal's lexical form in the lexical space of its XSD datatype? (``sh:datatype``)

SHACL's ``sh:datatype`` fails on ill-formed literals ("abc"^^xsd:int, "20a0"^^xsd:gYear), for
every datatype XSD and RDF define. pyoxigraph's store cannot answer: it keeps well-formed
numbers, booleans and date-times in canonical form and rewrites derived datatypes
(xsd:int -> xsd:integer), so the fast engine asks this module about the literal as written.
One definition per datatype; ``well_formed`` returns None for a datatype it does not know
(which SHACL then treats as well-formed, as pySHACL does).
"""

from __future__ import annotations

import re

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

_TZ = r"(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))"
_YEAR = r"-?(?:[1-9]\d{4,}|\d{4})"
_DATE = _YEAR + r"-(\d\d)-(\d\d)"
_TIME = r"(\d\d):([0-5]\d):([0-5]\d(?:\.\d+)?)"
_INT = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_FLOAT = re.compile(r"[+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|INF)|NaN")
_DURATION = re.compile(r"-?P(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?")
_DAYTIME = re.compile(r"-?P(?=\d|T\d)(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?")
_YEARMONTH = re.compile(r"-?P(?=\d)(?:\d+Y)?(?:\d+M)?")
_NAME_START = r":A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F" \
              r"\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD"
_NAME_CHAR = _NAME_START + r"\-.0-9\u00B7\u0300-\u036F\u203F-\u2040"
_NAME = re.compile(f"[{_NAME_START}][{_NAME_CHAR}]*")
_NCNAME = re.compile(f"[{_NAME_START.replace(':', '')}][{_NAME_CHAR.replace(':', '')}]*")
_NMTOKEN = re.compile(f"[{_NAME_CHAR}]+")
_LANGUAGE = re.compile(r"[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*")
_HEX = re.compile(r"(?:[0-9a-fA-F]{2})*")
_B64 = re.compile(r"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?")

#: integer-derived datatypes: (minimum, maximum), None for unbounded
_INTEGERS = {
    "integer": (None, None), "long": (-2**63, 2**63 - 1), "int": (-2**31, 2**31 - 1),
    "short": (-2**15, 2**15 - 1), "byte": (-128, 127), "nonNegativeInteger": (0, None),
    "positiveInteger": (1, None), "nonPositiveInteger": (None, 0), "negativeInteger": (None, -1),
    "unsignedLong": (0, 2**64 - 1), "unsignedInt": (0, 2**32 - 1), "unsignedShort": (0, 2**16 - 1),
    "unsignedByte": (0, 255),
}


def _full(pattern, text: str) -> bool:
    return pattern.fullmatch(text) is not None


def _date_ok(year: str, month: str, day: str) -> bool:
    m, d, y = int(month), int(day), int(year)
    if not 1 <= m <= 12:
        return False
    leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)  # proleptic Gregorian; year 0 is a leap year
    days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return 1 <= d <= days


def _time_ok(h: str, m: str, s: str) -> bool:
    if h == "24":
        return m == "00" and float(s) == 0
    return int(h) < 24


def _datetime(text: str, tz_required: bool = False) -> bool:
    tz = _TZ if tz_required else f"{_TZ}?"
    match = re.fullmatch(f"({_YEAR})-(\\d\\d)-(\\d\\d)T{_TIME}{tz}", text)
    return bool(match) and _date_ok(*match.groups()[:3]) and _time_ok(*match.groups()[3:6])


def _check(local: str, text: str) -> bool | None:
    if local in _INTEGERS:
        if not _full(_INT, text):
            return False
        low, high = _INTEGERS[local]
        value = int(text)
        return (low is None or value >= low) and (high is None or value <= high)
    if local == "decimal":
        return _full(_DECIMAL, text)
    if local in ("float", "double"):
        return _full(_FLOAT, text)
    if local == "boolean":
        return text in ("true", "false", "1", "0")
    if local == "date":
        match = re.fullmatch(f"({_YEAR})-(\\d\\d)-(\\d\\d){_TZ}?", text)
        return bool(match) and _date_ok(*match.groups())
    if local == "dateTime":
        return _datetime(text)
    if local == "dateTimeStamp":
        return _datetime(text, tz_required=True)
    if local == "time":
        match = re.fullmatch(f"{_TIME}{_TZ}?", text)
        return bool(match) and _time_ok(*match.groups())
    if local == "gYear":
        return re.fullmatch(f"{_YEAR}{_TZ}?", text) is not None
    if local == "gYearMonth":
        match = re.fullmatch(f"{_YEAR}-(\\d\\d){_TZ}?", text)
        return bool(match) and 1 <= int(match.group(1)) <= 12
    if local == "gMonth":
        match = re.fullmatch(f"--(\\d\\d){_TZ}?", text)
        return bool(match) and 1 <= int(match.group(1)) <= 12
    if local == "gDay":
        match = re.fullmatch(f"---(\\d\\d){_TZ}?", text)
        return bool(match) and 1 <= int(match.group(1)) <= 31
    if local == "gMonthDay":
        match = re.fullmatch(f"--(\\d\\d)-(\\d\\d){_TZ}?", text)
        return bool(match) and _date_ok("2000", *match.groups())
    if local == "duration":
        return _full(_DURATION, text)
    if local == "dayTimeDuration":
        return _full(_DAYTIME, text)
    if local == "yearMonthDuration":
        return _full(_YEARMONTH, text)
    if local == "hexBinary":
        return _full(_HEX, text)
    if local == "base64Binary":
        return _full(_B64, text.replace(" ", ""))
    if local == "language":
        return _full(_LANGUAGE, text)
    if local == "Name":
        return _full(_NAME, text)
    if local == "NCName":
        return _full(_NCNAME, text)
    if local == "NMTOKEN":
        return _full(_NMTOKEN, text)
    if local in ("string", "anyURI"):
        return True
    if local == "normalizedString":
        return not any(c in text for c in "\r\n\t")
    if local == "token":
        return not any(c in text for c in "\r\n\t") and text == text.strip(" ") and "  " not in text
    return None


#: datatypes whose lexical space has no surrounding whitespace (XSD's whiteSpace facet "collapse")
_KEEPS_SPACE = {"string", "normalizedString"}


def well_formed(lexical: str, datatype: str) -> bool | None:
    """True/False for the XSD datatypes above, None for any other datatype."""
    if not datatype.startswith(XSD):
        return None
    local = datatype[len(XSD):]
    text = lexical if local in _KEEPS_SPACE else lexical.strip(" \t\r\n")
    return _check(local, text)
