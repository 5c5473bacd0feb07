"""What each chapter must print: regular expressions over its text outputs, and the fewest plots it must show.

These are the numbers a student checks against the book, so a change in the library that moves them fails here.
"""
EXPECTED = {
    "01": {
        "text": [
            r"neuron output: 4\.8\b",
            r"\[\[ 4\.8    1\.21   2\.385\]\n \[ 8\.9   -1\.81   0\.2  \]\n \[ 1\.41   1\.051  0\.026\]\]",
            r"\[\[ 0\.5031  -1\.04185 -2\.03875\]",
            r"1\.764052345967664",
            r"-1\.04751877e-04  1\.13953608e-04 -4\.79835027e-05",
            r"Dense\(2→3\)\.forward: expected 2 input columns, got 4",
        ],
        "images": 1,
    },
}
