"""Country names for byline place checks, read from Babel's data files without its classes."""

import pickle
import subprocess
import sys
from pathlib import Path

import pytest


def test_reading_the_country_names_loads_no_date_module_nor_pytz() -> None:
    # GIVEN a fresh process that reads the English and German country names
    code = (
        "import sys\n"
        "from newsflow.extract.authors import _country_names\n"
        "names = _country_names('de')\n"
        "print('deutschland' in names, 'germany' in names,"
        " 'babel.dates' in sys.modules, 'pytz' in sys.modules)\n"
    )
    tests = Path(__file__).parent.parent
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tests
    )
    # THEN the names are there, and Babel's date module (which loads pytz and the host's
    # zone at import: 15 ms and 3.7 MB) was never imported to build pattern objects
    assert done.stdout.split() == ["True", "True", "False", "False"]


@pytest.mark.parametrize("code", ["en", "de", "ko", "pt_BR", "sr_Latn"])
def test_the_tables_only_reading_gives_the_territories_a_full_reading_gives(code: str) -> None:
    from babel.localedata import resolve_locale_filename

    from newsflow.extract.authors import _own_territory_names

    with Path(resolve_locale_filename(code)).open("rb") as data:
        full = pickle.load(data).get("territories", {})  # noqa: S301 - Babel's own file
    expected = {t: n for t, n in full.items() if isinstance(n, str)}
    assert _own_territory_names(code) == (expected if len(expected) >= 200 else None)


@pytest.mark.parametrize("damage", ["empty", "truncated", "not a table"])
def test_a_damaged_babel_data_file_gives_no_names_not_an_exception(
    damage: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from babel import localedata

    from newsflow.extract.authors import _inherited_territory_names, _own_territory_names

    # GIVEN Babel's German data file emptied, cut in half, or holding no table
    real = Path(localedata.resolve_locale_filename("de")).read_bytes()
    data = {"empty": b"", "truncated": real[: len(real) // 2], "not a table": pickle.dumps([1])}
    broken = tmp_path / "de.dat"
    broken.write_bytes(data[damage])
    monkeypatch.setattr(localedata, "resolve_locale_filename", lambda _code: str(broken))
    monkeypatch.setattr(localedata, "_cache", {})  # Babel's loaded locales: none yet
    # WHEN its territory names are read, THEN there are none, and no exception escapes
    # (an EOFError or UnpicklingError would fail every page whose byline names a place)
    assert _own_territory_names("de") is None
    if damage != "not a table":  # Babel's own loader fails on its shape: not our reading
        assert _inherited_territory_names("de") == {}
