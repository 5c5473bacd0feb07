package nnfs.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import nnfs.activations.ReLU;
import nnfs.activations.Softmax;
import nnfs.data.Dataset;
import nnfs.data.Datasets;
import nnfs.data.FashionMnist;
import nnfs.layers.Dense;
import nnfs.losses.CategoricalCrossEntropy;
import nnfs.metrics.CategoricalAccuracy;
import nnfs.optimizers.Adam;
import nnfs.random.NumpyRandom;

/** The book's Fashion-MNIST model reaches the published MLP baseline. */
class FashionMnistTrainingTest {

    @Test
    void tenEpochsReachTheBaseline() throws IOException {
        // 784-128-128-10, Adam(decay 1e-3), batches of 128, 10 epochs; the published MLP baseline is 0.871.
        NumpyRandom random = new NumpyRandom(0);
        FashionMnist.Data data = FashionMnist.load();
        Dataset train = Datasets.shuffle(FashionMnist.toDataset(data.train()), random);
        Dataset test = FashionMnist.toDataset(data.test());
        Model model = new Model()
                .add(new Dense(784, 128, random)).add(new ReLU())
                .add(new Dense(128, 128, random)).add(new ReLU())
                .add(new Dense(128, 10, random)).add(new Softmax())
                .set(new CategoricalCrossEntropy(), new Adam().withDecay(1e-3), new CategoricalAccuracy())
                .build().printTo(null);
        History history = model.train(train, 10, 128, 100, test);
        double accuracy = history.last().validationAccuracy();
        System.out.printf("Fashion-MNIST, 10 epochs: validation accuracy %.4f%n", accuracy);
        assertTrue(accuracy >= 0.87, "validation accuracy " + accuracy + " is below 0.87");
    }
}
