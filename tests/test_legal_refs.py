"""Legal references read in the handbook's language: the numbers stay, the words change."""

from __future__ import annotations

import pytest

from cmd_handbook.derive.legal import legal_ref


@pytest.mark.parametrize(("english", "norwegian"), [
    ("MDR Annex I 23.2(p); Art. 21(1)", "MDR vedlegg I 23.2(p); art. 21(1)"),
    ("MDR Art. 15(1) last subparagraph", "MDR art. 15(1) siste ledd"),
    ("MDR Art. 52(8) second subparagraph", "MDR art. 52(8) annet ledd"),
    ("MDR Annex IX Chapter I or Annex XI Part A", "MDR vedlegg IX kapittel I eller vedlegg XI del A"),
    ("Regulation (EEC, Euratom) No 1182/71 Art. 3(4)", "forordning (EØF, Euratom) nr. 1182/71 art. 3(4)"),
    ("Recommendation 2003/361/EC Annex Art. 2", "rekommandasjon 2003/361/EF vedlegg art. 2"),
    ("ISO 13485:2016 7.5.1; MDCG 2019-7 Rev.1", "ISO 13485:2016 7.5.1; MDCG 2019-7 Rev.1"),
])
def test_a_reference_reads_norwegian_and_stays_english_in_english(english: str, norwegian: str) -> None:
    assert legal_ref(english, "nb") == norwegian
    assert legal_ref(english, "en") == english
