"""Every handler imports from the built artifacts (the layer `make build` makes, for this host)."""

import shutil
from pathlib import Path

import pytest
from support.built_artifacts import Handler, build_host_layer, handlers, import_seconds

# pyenv's own interpreter first: its shim on PATH fails unless 3.13 is the selected version.
PY313 = next(
    (str(p) for p in sorted(Path.home().glob(".pyenv/versions/3.13*/bin/python3.13"))),
    shutil.which("python3.13"),
)

pytestmark = pytest.mark.skipif(PY313 is None, reason="needs python3.13, the Lambda runtime")


@pytest.fixture(scope="session")
def layer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    assert PY313 is not None
    return build_host_layer(PY313, tmp_path_factory.mktemp("build") / "SharedLayer")


def test_layer_ships_compiled_newsflow(layer: Path) -> None:
    assert list((layer / "newsflow" / "extract" / "__pycache__").glob("*.cpython-313.pyc"))
    assert not (layer / "pytest").exists()  # dev dependencies stay out of the layer


@pytest.mark.parametrize("handler", handlers(), ids=lambda h: h.name)
def test_handler_imports_from_built_layer(layer: Path, handler: Handler) -> None:
    assert PY313 is not None
    assert import_seconds(PY313, layer, handler) > 0
