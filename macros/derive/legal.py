"""Legal references in the reader's language.

The catalogue and the data write references the way the Official Journal's English text does ("MDR Annex I
23.2(p)", "Art. 15(1) last subparagraph"). A Norwegian handbook shows them as Norwegian texts cite them ("MDR
vedlegg I 23.2(p)", "art. 15(1) siste ledd"): the numbers stay, the words change.
"""

from __future__ import annotations

import re
from functools import lru_cache

_NB: list[tuple[re.Pattern[str], str]] = [(re.compile(p), r) for p, r in [
    (r"\bImplementing Regulation\b", "gjennomføringsforordning"),
    (r"\bImplementing Decision\b", "gjennomføringsbeslutning"),
    (r"\bDelegated Regulation\b", "delegert forordning"),
    (r"\bRegulation\b", "forordning"),
    (r"\bDirective\b", "direktiv"),
    (r"\bRecommendation\b", "rekommandasjon"),
    (r"\bEEC\b", "EØF"),
    (r"/EC\b", "/EF"),
    (r"\bNo (?=\d)", "nr. "),
    (r"\bDecision\b", "beslutning"),
    (r"\bCommission Q&A on\b", "Kommisjonens spørsmål og svar om"),
    (r"\bCommission\b", "Kommisjonen"),
    (r"\bAnnex(es)?\b", "vedlegg"),
    (r"\bArticles?\b", "artikkel"),
    (r"\bArt\.", "art."),
    (r"\bfirst subparagraph\b", "første ledd"),
    (r"\bsecond subparagraph\b", "annet ledd"),
    (r"\bthird subparagraph\b", "tredje ledd"),
    (r"\blast subparagraph\b", "siste ledd"),
    (r"\bsubparagraph\b", "ledd"),
    (r"\bPart ([A-C])\b", r"del \1"),
    (r"\bChapter\b", "kapittel"),
    (r"\bch\.", "kap."),
    (r"\bSection\b", "avsnitt"),
    (r"\bpoint\b", "punkt"),
    (r"\binserted by\b", "innsatt ved"),
    (r"\bcf\.", "jf."),
    (r"\bfn\.", "fotnote"),
    (r"\band\b", "og"),
    (r"\bor\b", "eller"),
    (r"\bquestion\b", "spørsmål"),
    (r"\(good practice\)", "(god praksis)"),
    (r"\bUNVERIFIED\b", "UVERIFISERT"),
]]


@lru_cache(maxsize=4096)
def legal_ref(text: str, lang: str) -> str:
    """``text`` (a legal reference) in ``lang``: unchanged in English, the words translated in Norwegian."""
    if lang == "en":
        return text
    for pattern, words in _NB:
        text = pattern.sub(words, text)
    return text
