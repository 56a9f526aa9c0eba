"""Every readability formula briefkit reports, in one table: textstat's, one function per formula.

:func:`briefkit.measure.measure` computes each row, ``briefkit readability`` prints each row, the
report's readability table shows each row that has a ``label``, and ``src/briefkit/schemas/briefing.json``
describes each (tests/measure/test_formulas.py checks it). Adding a formula is one line here; a
formula that joins the headline grade also needs its counts form in :mod:`.grade`
(``grades_from_counts``), which keeps the reading level while summarising.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Formula:
    key: str  # the field in Readability, the JSON and the template
    name: str  # the row in `briefkit readability`
    label: str  # the row in the report's readability table; "" leaves it out
    function: str  # the textstat function that computes it
    options: tuple[tuple[str, object], ...] = ()  # keyword arguments for that function
    headline: bool = False  # one of the grade formulas whose median is the headline grade
    band: str = ""  # the Readability field that names its band, if it has one


FORMULAS: tuple[Formula, ...] = (
    Formula("flesch_reading_ease", "Flesch reading ease", "Reading ease", "flesch_reading_ease", band="ease_band"),
    Formula("flesch_kincaid_grade", "Flesch-Kincaid grade", "Flesch-Kincaid", "flesch_kincaid_grade", headline=True),
    Formula("gunning_fog", "Gunning fog", "Gunning fog", "gunning_fog", headline=True),
    Formula("smog_index", "SMOG", "SMOG", "smog_index", headline=True),
    Formula("coleman_liau_index", "Coleman-Liau", "Coleman-Liau", "coleman_liau_index", headline=True),
    Formula("automated_readability_index", "ARI", "ARI", "automated_readability_index", headline=True),
    Formula("dale_chall_score", "Dale-Chall", "Dale-Chall", "dale_chall_readability_score"),
    Formula("linsear_write", "Linsear Write", "Linsear Write", "linsear_write_formula"),
    # textstat's text_standard: the most common whole grade of its formulas (see grade.headline_grade).
    Formula("consensus_grade", "textstat consensus", "", "text_standard", options=(("float_output", True),)),
)
