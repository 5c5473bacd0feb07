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
    "02": {
        "text": [
            r"two layers: \[\[-7\.8 -4\.8 -1\.8  1\.2  4\.2\]\]\s+one layer:  \[\[-7\.8 -4\.8 -1\.8  1\.2  4\.2\]\]",
            r"ReLU     \[\[0\.  2\.  0\.  3\.3 0\.  1\.1 2\.2 0\. \]\]",
            r"largest error over 1000 points: 0\.0704",
            r"probabilities: \[\[0\.89528266 0\.02470831 0\.08000903\]\]",
            r"e\^1000 = Infinity",
            r"\[\[0\.09003057 0\.24472847 0\.66524096\]\n \[0\.09003057 0\.24472847 0\.66524096\]\n"
            r" \[0\.89528266 0\.02470831 0\.08000903\]\]",
            r"\[\[0\.33333333 0\.33333333 0\.33333333\]\n \[0\.33333317 0\.33333318 0\.33333364\]",
            r"largest difference from the book: [1-9]\.\de-08",
        ],
        "images": 5,
    },
    "03": {
        "text": [
            r"−ln\(0\.7\) only: 0\.35667494393873245",
            r"mean, sparse labels:  0\.38506088005216804\nmean, one-hot labels: 0\.38506088005216804",
            r"\[\[1\.61180957e\+01\]\n \[1\.00000005e-07\]\]",
            r"Accuracy\.ofOutputs:  1\.0\b",
            r"accuracy: 0\.6666666666666666",
            r"loss:     1\.0986104615465142\naccuracy: 0\.34\b",
            r"iteration  9999: lowest loss 0\.1727971, accuracy 0\.930",
            r"iteration  9999: lowest loss 1\.0790574, accuracy 0\.390",
        ],
        "images": 4,
    },
    "04": {
        "text": [
            r"forward   f'\(2\) ≈ 8\.000199999998785",
            r"dx = \[-3\.0, -1\.0, 2\.0\]\n+dw = \[1\.0, -2\.0, 3\.0\]\n+db = 1\.0",
            r"Iteration 1, Loss: 36\.0\n+Iteration 2, Loss: 33\.8724\n",
            r"Final weights: \[\[-3\.3990955  -0\.20180899  0\.80271349\]\]",
            r"Iteration 0, Loss: 466\.56\n+Iteration 20, Loss: 5\.32959636084\n",
            r"\[\[-0\.00698895 -0\.01397789 -0\.02096684 -0\.02795579\]\n \[ 0\.25975286  0\.11950572 -0\.02074143 -0\.16098857\]\n"
            r" \[ 0\.53548461  0\.27096922  0\.00645383 -0\.25806156\]\]\n+Final biases:\n+\[\[-0\.00698895 -0\.04024714 -0\.06451539\]\]",
            r"\[\[ 0\.5  0\.5  0\.5\]\n \[20\.1 20\.1 20\.1\]\n \[10\.9 10\.9 10\.9\]\n \[ 4\.1  4\.1  4\.1\]\]",
            r"\[\[ 1\.57663575e-04  7\.83685868e-05  4\.73243939e-05\]\n \[ 1\.81610390e-04  1\.10455707e-05 -3\.30962973e-05\]\]",
        ],
        "images": 3,
    },
    "05": {
        "text": [
            r"\[\[-0\.1         0\.03333333  0\.06666667\]\n \[ 0\.03333333 -0\.16666667  0\.13333333\]\n"
            r" \[ 0\.00666667 -0\.03333333  0\.02666667\]\]",
            r"largest \|combined − separate\|: \d\.\d+E-1[6-8]",
            r"separate gradient:  \[\[nan nan nan\]\]",
            r"loss: 1\.09861046",
            r"acc: 0\.34\b",
            r"\[\[ 1\.57663575e-04  7\.83685868e-05  4\.73243939e-05\]",
            r"\[\[-1\.06521079e-05 -9\.44490453e-06  2\.00970125e-05\]\]",
            r"column 0: float32 sum -1\.0732794e-05",
            r"both pass at 1e-6: true",
        ],
        "images": 2,
    },
    "06": {
        "text": [
            r"SGD\(learningRate=1\.0, decay=0\.0, momentum=0\.0\)\n  epoch 10000: accuracy 0\.683, loss 0\.7414",
            r"0\.9090909090909091",
            r"0\.3448275862068965",
            r"SGD\(learningRate=1\.0, decay=0\.001, momentum=0\.9\)\n  epoch 10000: accuracy 0\.883, loss 0\.2443",
            r"loss at epochs 0 to 5: 1\.099, 6\.261, 9\.908, 10\.662",
            r"Adam\(learningRate=0\.05, decay=5\.0E-7, epsilon=1\.0E-7, beta1=0\.9, beta2=0\.999\)\n"
            r"  epoch 10000: accuracy 0\.953, loss 0\.1184",
            r"C\+\+ bug\)\n  epoch 10000: accuracy 0\.380, loss 2\.9659",
            r"RMSprop \(η 0\.02, ρ 0\.999\) +\| +0\.9067 +\| +0\.2018 +\| +0\.1944 +\|",
        ],
        "images": 12,
    },
}
