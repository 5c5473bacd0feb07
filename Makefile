# The two commands of the README. Both set up what they need (tools/setup.sh) on a fresh machine.
.PHONY: book test setup fuzz benchmark jmh browser-test

# The main job: environment, library, kernel; every notebook executed into build/notebooks; the HTML book in
# build/book (open build/book/index.html). `.venv/bin/python tools/book.py` rebuilds only the book.
book: setup
	.venv/bin/python tools/notebooks.py --book

# Every test: the library's unit tests, the fuzzer for a fixed time, then every notebook executed as a test, and
# every notebook run through JupyterLab's menus in headless Chromium (tests/test_browser.py).
test: setup
	mvn -q -B -Dstyle.color=never test
	$(MAKE) --no-print-directory fuzz
	.venv/bin/python -m pytest -q -p no:cacheprovider tests

# Only the browser test.
browser-test: setup
	.venv/bin/python -m pytest -q -p no:cacheprovider tests/test_browser.py

# Jazzer fuzzes every file loader for 60 s (lib/src/test/java/nnfs/fuzz/LoadersFuzzTest.java), offline.
# Its long log goes to build/fuzz.log; the summary and any finding are printed.
fuzz:
	@mkdir -p build
	@JAZZER_FUZZ=1 mvn -q -B -Dstyle.color=never -pl lib test-compile surefire:test -Dtest=LoadersFuzzTest \
		-Djazzer.instrumentation_includes='nnfs.**' > build/fuzz.log 2>&1 \
		|| { tail -n 60 build/fuzz.log; echo "make fuzz: a finding or a failure, see build/fuzz.log"; exit 1; }
	@grep -E '^Done [0-9]+ runs' build/fuzz.log | sed 's/^/Jazzer, every loader: /; s/$$/, no finding/'

setup:
	tools/setup.sh

# Not part of the tests: the library against NumPy on the same work (see the README's Performance section).
benchmark:
	mvn -q -B -DskipTests package
	python3 tools/benchmark.py $(ARGS)

# Not part of the tests: the JMH benchmarks of the kernels, shape by shape (bench/; README: Performance).
jmh:
	mvn -q -B -Pjmh -DskipTests package
	python3 tools/benchmark/jmh.py $(ARGS)
