# A function's artifact, shared by each function's Makefile (sam build runs `make
# build-<Function>` in a scratch copy of the function's folder; BuildMethod: makefile). The
# root Makefile's `build` target exports NEWSFLOW_ROOT (this repository) and LAYER_PYTHON (an
# interpreter of the Lambda runtime's version), as for the shared layer.
LAYER_PYTHON ?= python3.13

# The handler's sources and their .pyc. Lambda's code directory is read-only, so a handler
# shipped without its .pyc is compiled again at every cold start (the api's app.py, 600
# lines: about 5 ms of CPU); unchecked-hash .pyc files are used as they are, never
# revalidated against the sources (zip mtimes are coarse).
.PHONY: handler
handler:
	cp *.py "$(ARTIFACTS_DIR)/"
	$(LAYER_PYTHON) -m compileall -q --invalidation-mode unchecked-hash "$(ARTIFACTS_DIR)"
