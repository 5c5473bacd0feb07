# The two commands of the README. Both set up what they need (tools/setup.sh) on a fresh machine.
.PHONY: book test setup benchmark

# The main job: environment, library, kernel; every notebook executed; HTML in build/.
book: setup
	.venv/bin/python tools/notebooks.py --html

# Every test: the library's unit tests, then every notebook executed as a test.
test: setup
	mvn -q -B -Dstyle.color=never test
	.venv/bin/python -m pytest -q -p no:cacheprovider tests

setup:
	tools/setup.sh

# Not part of the tests: the library against NumPy on the same work (see the README's Performance section).
benchmark:
	mvn -q -B -DskipTests package
	python3 tools/benchmark.py
