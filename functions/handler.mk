# A function's artifact, shared by each function's Makefile. sam build (BuildMethod: makefile)
# copies the function's folder to a scratch folder and runs `make --makefile
# <the folder's Makefile, by absolute path> build-<Function>` there, with ARTIFACTS_DIR set;
# nothing else is needed, so a bare `sam build` works from a fresh clone. The root Makefile's
# `build` target sets LAYER_PYTHON (an interpreter of the Lambda runtime's version, as for
# the shared layer); python3.13 on PATH is the default.
LAYER_PYTHON ?= python3.13

# Everything in the function's folder but its Makefile (the handler, any module or data file
# beside it), then the .pyc of its Python files. Lambda's code directory is read-only, so a
# handler shipped without its .pyc is compiled again at every cold start (the api's app.py,
# 600 lines: about 5 ms of CPU); unchecked-hash .pyc files are used as they are, never
# revalidated against the sources (zip mtimes are coarse). A __pycache__ left by a local run
# is not shipped: the .pyc are made here for the runtime's Python.
.PHONY: handler
handler:
	mkdir -p "$(ARTIFACTS_DIR)"
	tar -cf - --exclude=./Makefile --exclude=__pycache__ . | tar -xf - -C "$(ARTIFACTS_DIR)"
	$(LAYER_PYTHON) -m compileall -q --invalidation-mode unchecked-hash "$(ARTIFACTS_DIR)"
