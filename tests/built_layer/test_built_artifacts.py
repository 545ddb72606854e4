"""Every handler imports from the built artifacts (the layer and functions `make build` makes,
for this host)."""

import shutil
from pathlib import Path

import pytest
from support.built_artifacts import (
    Handler,
    build_function,
    build_host_layer,
    handlers,
    import_seconds,
)

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
def test_handler_imports_from_built_function_and_layer(
    layer: Path, handler: Handler, tmp_path: Path
) -> None:
    assert PY313 is not None
    built = build_function(PY313, handler, tmp_path / handler.name)

    # The function ships its handler compiled: Lambda's code directory is read-only.
    assert (built.code_dir / "__pycache__" / "app.cpython-313.pyc").is_file()
    assert not (built.code_dir / "Makefile").exists()
    assert import_seconds(PY313, layer, built) > 0
