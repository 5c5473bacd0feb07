package nnfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import nnfs.activations.ReLU;
import nnfs.data.Dataset;
import nnfs.data.Datasets;
import nnfs.layers.Dense;
import nnfs.losses.SoftmaxCrossEntropy;
import nnfs.metrics.Accuracy;
import nnfs.optimizers.Adagrad;
import nnfs.optimizers.Adam;
import nnfs.optimizers.Optimizer;
import nnfs.optimizers.RMSprop;
import nnfs.optimizers.SGD;
import nnfs.random.NumpyRandom;

/** The chapter-6 network, trained end to end with the book's loop. */
class TrainingTest {

    /** {epoch, loss, accuracy} for each of the first {@code epochs} epochs (the state before that epoch's update). */
    static List<double[]> trainSpiral(Optimizer<?> optimizer, int epochs) {
        NumpyRandom random = new NumpyRandom(0);
        Dataset data = Datasets.spiral(100, 3, random);
        Dense dense1 = new Dense(2, 64, random);
        ReLU relu = new ReLU();
        Dense dense2 = new Dense(64, 3, random);
        SoftmaxCrossEntropy head = new SoftmaxCrossEntropy();
        List<double[]> log = new ArrayList<>();
        for (int epoch = 0; epoch < epochs; epoch++) {
            dense1.forward(data.X());
            relu.forward(dense1.output());
            dense2.forward(relu.output());
            double loss = head.forward(dense2.output(), data.y());
            log.add(new double[] {epoch, loss, Accuracy.ofOutputs(head.output(), data.y())});
            head.backward(head.output(), data.y());
            dense2.backward(head.dinputs());
            relu.backward(dense2.dinputs());
            dense1.backward(relu.dinputs());
            optimizer.preUpdate();
            optimizer.update(dense1);
            optimizer.update(dense2);
            optimizer.postUpdate();
        }
        return log;
    }

    @Test
    void adamReachesNinetyFivePercentOnTheSpiral() {
        // 2-64-3, Adam(0.05, decay 5e-7), 10 001 epochs: the book's best run.
        List<double[]> log = trainSpiral(new Adam().withLearningRate(0.05).withDecay(5e-7), 10_001);
        double[] last = log.get(log.size() - 1);
        assertTrue(last[2] >= 0.95, "training accuracy " + last[2] + " below 0.95");
        assertTrue(last[1] < 0.15, "training loss " + last[1] + " not below 0.15");
    }

    @Test
    void trajectoriesFollowTheNumpyReference() {
        // Oracle: numpy_reference.train_spiral run by make_fixtures.py, same seed, same order of draws.
        // Matrix products sum in a different order than NumPy's BLAS, so allow a relative 1e-7 after 200 steps.
        Map<String, Optimizer<?>> runs = Map.of(
                "sgd", new SGD(),
                "sgd_decay_momentum", new SGD(1.0, 1e-3, 0.9),
                "adagrad", new Adagrad(1.0, 1e-4, 1e-7),
                "rmsprop", new RMSprop(0.02, 1e-5, 1e-7, 0.999),
                "adam", new Adam(0.05, 5e-7, 1e-7, 0.9, 0.999));
        for (Map.Entry<String, Optimizer<?>> run : runs.entrySet()) {
            List<?> expected = (List<?>) Fixtures.get("training", run.getKey());
            List<double[]> actual = trainSpiral(run.getValue(), expected.size());
            for (int epoch = 0; epoch < expected.size(); epoch++) {
                List<?> row = (List<?>) expected.get(epoch);
                double loss = ((Number) row.get(1)).doubleValue();
                double accuracy = ((Number) row.get(2)).doubleValue();
                assertEquals(loss, actual.get(epoch)[1], loss * 1e-7, run.getKey() + " loss at epoch " + epoch);
                assertEquals(accuracy, actual.get(epoch)[2], 1.0 / 300 + 1e-12,
                        run.getKey() + " accuracy at epoch " + epoch);
            }
        }
    }
}
