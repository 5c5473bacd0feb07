# The two commands of the README. Both set up what they need (tools/setup.sh) on a fresh machine.
.PHONY: book test setup

# The main job: environment, library, kernel; every notebook executed into build/notebooks; the HTML book in
# build/book (open build/book/index.html). `.venv/bin/python tools/book.py` rebuilds only the book.
book: setup
	.venv/bin/python tools/notebooks.py --book

# Every test: the library's unit tests, then every notebook executed as a test.
test: setup
	mvn -q -B -Dstyle.color=never test
	.venv/bin/python -m pytest -q -p no:cacheprovider tests

setup:
	tools/setup.sh
