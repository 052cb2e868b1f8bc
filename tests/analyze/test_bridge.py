"""The cross-lingual bridge: dictd/dictzip reading, glosses, and the bridged view of an article."""

from __future__ import annotations

import gzip
import struct
import zlib
from pathlib import Path

import pytest

from storylens.analyze import bridge as bridge_module
from storylens.analyze import glossary as glossary_module
from storylens.analyze.bridge import bridge
from storylens.analyze.glossary import DictZip, Glossary, segment_chinese


def _b64(value: int) -> str:
    alphabet = glossary_module._B64
    out = ""
    while True:
        out = alphabet[value % 64] + out
        value //= 64
        if not value:
            return out


def write_dictzip(path: Path, data: bytes, chunk: int = 16) -> None:
    """A dictzip file as dictzip(1) writes one: raw deflate flushed at every chunk boundary."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    sizes, body = [], b""
    for start in range(0, len(data), chunk):
        piece = packer.compress(data[start : start + chunk])
        last = start + chunk >= len(data)
        piece += packer.flush(zlib.Z_FINISH if last else zlib.Z_FULL_FLUSH)
        sizes.append(len(piece))
        body += piece
    ra = struct.pack("<HHH", 1, chunk, len(sizes)) + struct.pack(f"<{len(sizes)}H", *sizes)
    extra = b"RA" + struct.pack("<H", len(ra)) + ra
    header = b"\x1f\x8b\x08\x04" + b"\0" * 4 + b"\x02\x03" + struct.pack("<H", len(extra)) + extra
    trailer = struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)
    path.write_bytes(header + body + trailer)


ENTRIES = [
    ("Haus", "Haus /haʊs/ <n>\n1. house\n2. home\n"),
    ("Krieg", "Krieg /kʁiːk/ <m>\n [mil.] war <n>\n"),
    ("Regierung", "Regierung <f>\ngovernment; administration; cabinet\n"),
]


@pytest.fixture
def dictd(tmp_path, monkeypatch) -> Path:
    """A German-English dictionary in dictd format, and an English-Russian one to reverse."""
    text, index = "", []
    for head, entry in ENTRIES:
        index.append(f"{head.lower()}\t{_b64(len(text.encode()))}\t{_b64(len(entry.encode()))}")
        text += entry
    write_dictzip(tmp_path / "freedict-deu-eng.dict.dz", text.encode())
    (tmp_path / "freedict-deu-eng.index").write_text("\n".join(index) + "\n")
    rus = "war /wɔː/\nвойна\nyesterday /jestədiː/\nвчера\n"
    (tmp_path / "freedict-eng-rus.dict.dz").write_bytes(gzip.compress(rus.encode()))
    first = len("war /wɔː/\nвойна\n".encode())
    (tmp_path / "freedict-eng-rus.index").write_text(
        f"war\tA\t{_b64(first)}\nyesterday\t{_b64(first)}\t{_b64(len(rus.encode()) - first)}\n"
    )
    monkeypatch.setattr(glossary_module, "DICTD_DIR", tmp_path)
    glossary_module.glossary.cache_clear()
    bridge_module._bridge.cache_clear()
    yield tmp_path
    glossary_module.glossary.cache_clear()
    bridge_module._bridge.cache_clear()


def test_dictzip_reads_across_chunk_boundaries(tmp_path) -> None:
    data = "".join(f"line {i}: Ärger über Straßen\n" for i in range(40)).encode()
    write_dictzip(tmp_path / "x.dict.dz", data, chunk=16)
    book = DictZip(tmp_path / "x.dict.dz")
    assert book.read(0, len(data)) == data.decode()
    assert book.read(13, 50) == data[13:63].decode()


def test_dictzip_refuses_plain_gzip(tmp_path) -> None:
    (tmp_path / "plain.dz").write_bytes(gzip.compress(b"no chunk table"))
    with pytest.raises(ValueError, match="not a dictzip"):
        DictZip(tmp_path / "plain.dz")


def test_glossary_reads_first_sense_and_reverses_eng_xxx(dictd) -> None:
    german = glossary_module.glossary("de")
    assert german is not None and german.name == "freedict-deu-eng"
    assert german.english("Haus") == ("house",)
    assert german.english("krieg") == ("war",)  # "[mil.]" and "<n>" are notes, not words
    assert german.english("Regierung") == ("government",)  # the first alternative only
    assert german.english("Unbekannt") == ()
    russian = glossary_module.glossary("ru")
    assert russian is not None and russian.name == "freedict-eng-rus reversed"
    assert russian.english("вчера") == ("yesterday",)
    assert glossary_module.glossary("fi") is None


def test_bridge_glosses_german_and_meets_english(dictd) -> None:
    german = bridge("Der Krieg und die Regierung von Deutschland", "de")
    assert german.method == "freedict-deu-eng"
    assert set(german.gloss) >= {"war", "government"}
    assert 0.0 < german.coverage < 1.0  # "Deutschland" is not in this small dictionary
    english = bridge("The war and the government of Germany", "en")
    assert english.method == "english" and english.coverage == 1.0
    assert {"war", "government"} <= set(english.gloss)
    assert "the" not in english.gloss


def test_german_compounds_the_dictionary_lacks_are_glossed_from_their_parts(dictd) -> None:
    german = glossary_module.glossary("de")
    assert german is not None
    assert german.compound("Kriegshaus") == ("war", "house")  # a linking "s" between the parts
    assert german.compound("Regierungskrieg") == ("government", "war")
    assert german.compound("US-Regierung") == ("government",)  # an unknown part left out
    assert german.compound("Xqzv-Blorf") == ()
    assert german.compound("haus" * 20) == ()  # too long to be a compound
    assert german.compound("Hauskatze") == ()  # "katze" is not in this dictionary
    assert german.compound("Haus") == ()  # too short to hold two parts
    view = bridge("Der Regierungskrieg", "de")
    assert view.gloss == ("government", "war") and view.coverage == 1.0
    assert bridge("Der Xqzv-Blorf", "de").coverage == 0.0  # unknown parts are not known
    # only languages that write compounds as one word are split
    assert "de" in glossary_module.COMPOUNDING and "pl" not in glossary_module.COMPOUNDING


def test_bridge_without_dictionary_says_so(dictd) -> None:
    view = bridge("Sota ja hallitus Suomessa, sanoi Niinistö", "fi")
    assert view.method is None and view.gloss == () and view.coverage == 0.0
    assert "niinisto" in view.names  # names still carry, written in ASCII


def test_names_transliterated_across_scripts() -> None:
    russian = bridge("Вчера президент Путин встретил Макрона в Москве", "ru")
    english = bridge("Yesterday president Putin met Macron in Moscow", "en")
    assert "putin" in russian.names & english.names


def test_chinese_segments_by_longest_dictionary_word() -> None:
    book = Glossary("test", {"白宫": "white house", "总统": "president", "白": "white"})
    assert segment_chinese("总统在白宫", book) == ["总统", "在", "白宫"]
