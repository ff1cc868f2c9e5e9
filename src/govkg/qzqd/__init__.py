"""权责清单 (power and responsibility lists): read a published list, turn it into the graph's model,
compare two lists of the same body.

:mod:`.columns` the header variants across provinces; :mod:`.basis` the legal-basis parser
(《…法》第十二条第一款 …); :mod:`.reader` a sheet → :class:`.reader.Power` rows plus every problem;
:mod:`.model` the rows → Turtle through the authoring builder; :mod:`.diff` two lists compared.
"""
