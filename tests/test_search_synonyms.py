"""Search without a browser: the synonyms as data (validated where they are written, handed to the search worker
intact), and page text that the search index must read as separate words.

What a user notices (the right page for an everyday word) is tested in Chromium (tests/browser/test_search.py).
"""

from __future__ import annotations

import json
import re

import pytest
from pydantic import ValidationError

from cmd_handbook.catalogue import load_catalogue
from cmd_handbook.catalogue.model import Synonym, Synonyms
from cmd_handbook.plugin.search import separate_cells, synonyms_script


def script_data(script: str) -> list[list[list[str]]]:
    match = re.fullmatch(r"/\*[^*]*\*/\nself\.handbookSynonyms = (.*);\n", script, re.DOTALL)
    assert match, script
    return json.loads(match.group(1))


def test_the_catalogue_has_everyday_words_for_the_trades_in_both_languages() -> None:
    synonyms = load_catalogue().synonyms
    words = {w for entry in synonyms.nb for w in entry.words}
    assert len(synonyms.nb) >= 24 and len(words) >= 200
    assert {"reklamasjon", "sprakk", "knust", "resept", "gnagsår", "piper", "gipsavstøpning"} <= words
    assert {"klage", "avvik"} <= {w for entry in synonyms.nb if "sprakk" in entry.words for w in entry.find}
    assert synonyms("en") == synonyms.en and len(synonyms.en) >= 5 and synonyms("nb") == synonyms.nb


@pytest.mark.parametrize("word", ["", " klage", "klage ", "to  mellomrom", "a*", "klage^2", "<script>", "x_y", "+ord"])
def test_a_word_that_search_could_not_match_is_refused(word: str) -> None:
    with pytest.raises(ValidationError):
        Synonym(words=[word], find=["klage"])
    with pytest.raises(ValidationError):
        Synonym(words=["reklamasjon"], find=[word])


def test_an_entry_needs_words_and_what_they_find() -> None:
    with pytest.raises(ValidationError):
        Synonym(words=[], find=["klage"])
    with pytest.raises(ValidationError):
        Synonym(words=["reklamasjon"], find=[])
    with pytest.raises(ValidationError):
        Synonyms.model_validate({"nn": []})


def test_the_worker_gets_the_words_as_written() -> None:
    entries = [Synonym(words=["reklamasjon", "krona sprakk", "ØNH", "3d-skann"], find=["klage", "alvorlig hendelse"])]
    script = synonyms_script(entries)
    assert script.isascii()  # escaped: the script reads the same in any encoding
    assert script_data(script) == [[["reklamasjon", "krona sprakk", "ØNH", "3d-skann"], ["klage", "alvorlig hendelse"]]]
    assert script_data(synonyms_script([])) == []


def test_the_whole_catalogue_goes_to_the_worker() -> None:
    synonyms = load_catalogue().synonyms
    for lang in ("nb", "en"):
        assert script_data(synonyms_script(synonyms(lang))) == [[list(e.words), list(e.find)] for e in synonyms(lang)]


def test_description_list_terms_and_descriptions_are_separate_words_in_the_index() -> None:
    html = "<dl><div><dt>Dokument-ID</dt><dd>P-14</dd></div><div><dt>Eier</dt><dd>Marte</dd></div></dl>"
    out = separate_cells(html)
    assert re.sub(r"<[^>]+>", "", out).split() == ["Dokument-ID", "P-14", "Eier", "Marte"]
    assert separate_cells(out) == out


def test_a_summary_and_the_options_of_a_list_are_separate_words_in_the_index() -> None:
    html = ('<details><summary><span>Prosedyrer</span> <span>19</span></summary><table><caption>Prosedyrer</caption>'
            '</table></details><select><option value="">Alle</option><option>Annet</option></select>')
    assert re.sub(r"<[^>]+>", "", separate_cells(html)).split() == ["Prosedyrer", "19", "Prosedyrer", "Alle", "Annet"]
