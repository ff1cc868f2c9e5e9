"""Network analyses of the govkg graph.

:mod:`govkg.analysis.graphs` builds networkx graphs from any :class:`govkg.sparql.Backend`
(one function per graph); :mod:`govkg.analysis.reports` turns them into plain, JSON-ready data.
networkx is imported by those modules, not here, so ``import govkg.analysis`` costs nothing.
"""
