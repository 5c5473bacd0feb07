package nnfs.exercises;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import javax.imageio.ImageIO;

import org.ejml.data.DMatrixRMaj;

import nnfs.activations.ReLU;
import nnfs.activations.Softmax;
import nnfs.data.Dataset;
import nnfs.data.Datasets;
import nnfs.data.FashionMnist;
import nnfs.layers.Dense;
import nnfs.losses.CategoricalCrossEntropy;
import nnfs.metrics.CategoricalAccuracy;
import nnfs.model.History;
import nnfs.model.Model;
import nnfs.optimizers.SGD;
import nnfs.random.NumpyRandom;

/** The checks of chapter 12's exercises: Fashion-MNIST's preprocessing, and a picture of your own as 784 inputs. */
public final class Chapter12 {

    private Chapter12() {
    }

    // --- 12.1 --------------------------------------------------------------------------------------------------

    /** Exercise 12.1's predictions for the two tiny pictures of {@link #tinyPictures}. */
    public interface PreprocessingPrediction {
        /** The column of {@code X} that holds pixel (row 5, column 20) of picture 0. */
        int column();

        /** The value in that column of row 0. */
        double value();

        /** {@code X[0, 0]}: a background pixel. */
        double background();

        /** The sum of row 1 of {@code X} (picture 1). */
        double rowSum();
    }

    /**
     * Exercise 12.1's data: two 28×28 pictures, all background (0) but for the grey level 51 at row 5, column 20 of
     * picture 0 and 255 at row 27, column 0 of picture 1, as the split {@link FashionMnist#toDataset} reads.
     */
    public static FashionMnist.Split tinyPictures() {
        byte[] pixels = new byte[2 * 28 * 28];
        pixels[5 * 28 + 20] = (byte) 51;
        pixels[784 + 27 * 28] = (byte) 255;
        return new FashionMnist.Split(new FashionMnist.Images(2, 28, 28, pixels), new int[] {0, 1});
    }

    /**
     * Exercise 12.1 (predict): what {@link FashionMnist#toDataset} makes of {@link #tinyPictures}: the column of
     * pixel (5, 20) is 160, its value (51 − 127.5)/127.5 = −0.6, the background −1, and row 1 sums to
     * 783 · (−1) + 1 = −782. The truth is computed by toDataset itself.
     */
    public static void checkPreprocessingPrediction(PreprocessingPrediction prediction) {
        Exercise exercise = Exercise.of("12.1", "predict the preprocessed numbers");
        int column = exercise.call("column()", prediction::column);
        double value = exercise.call("value()", prediction::value);
        double background = exercise.call("background()", prediction::background);
        double rowSum = exercise.call("rowSum()", prediction::rowSum);
        DMatrixRMaj X = FashionMnist.toDataset(tinyPictures()).X();
        int truth = -1;
        for (int k = 0; k < X.numCols; k++) {
            if (X.get(0, k) != X.get(0, 0)) {
                truth = k;
            }
        }
        double sum = 0;
        for (int k = 0; k < X.numCols; k++) {
            sum += X.get(1, k);
        }
        exercise.prediction("column", truth, column,
                Hint.ifEqual(20 * 28 + 5, "the rows are laid one after the other: pixel (row, column) is element"
                        + " row · 28 + column, not column · 28 + row"),
                Hint.ifEqual(5 * 28 + 20 + 1, "columns are counted from 0, like the rows"),
                Hint.ifEqual(6 * 28 + 21, "rows and columns are counted from 0: row 5 starts at element 5 · 28"),
                Hint.otherwise("the picture is flattened row after row: element row · 28 + column"));
        exercise.prediction("value", X.get(0, truth), value,
                Hint.ifEqual(51 / 255.0, "the chapter scales to [−1, 1] with (x − 127.5) / 127.5, not to [0, 1]"),
                Hint.ifEqual(51, "the grey levels are scaled before the network sees them: (x − 127.5) / 127.5"),
                Hint.ifEqual(51 / 127.5, "subtract 127.5 before dividing: (x − 127.5) / 127.5"),
                Hint.ifEqual(-X.get(0, truth), "x = 51 is below the middle, 127.5: its value is negative"),
                Hint.otherwise("x' = (x − 127.5) / 127.5"));
        exercise.prediction("background", X.get(0, 0), background,
                Hint.ifEqual(0, "the background is 0 in the file, but (0 − 127.5) / 127.5 after scaling"),
                Hint.ifEqual(1, "0 is the background and the darkest value: it becomes the smallest input"),
                Hint.otherwise("x' = (x − 127.5) / 127.5 with x = 0"));
        exercise.prediction("rowSum", sum, rowSum,
                Hint.ifEqual(1, "the 783 background pixels are not 0 after scaling: each one adds −1"),
                Hint.ifEqual(-784, "one of the 784 pixels, row 27 column 0, is 255: it adds +1, not −1"),
                Hint.ifEqual(-783, "the pixel 255 becomes (255 − 127.5) / 127.5 = +1, which counts too"),
                Hint.ifEqual(255 - 783, "the pixel 255 is scaled too, to (255 − 127.5) / 127.5"),
                Hint.otherwise("783 background pixels and one of 255, each scaled with (x − 127.5) / 127.5"));
        exercise.verified("the column, its value, the background and the row sum are what FashionMnist.toDataset"
                + " gives");
        exercise.pass();
    }

    // --- 12.2 --------------------------------------------------------------------------------------------------

    /** Exercise 12.2: the student's preprocessing of a set of pictures, e.g. {@code images -> myFlatten(images)}. */
    @FunctionalInterface
    public interface Flattening {
        /** One row per picture, rows·cols values each, scaled to [−1, 1]. */
        DMatrixRMaj flatten(FashionMnist.Images images);
    }

    /** The book's preprocessing with one typical mistake, pixel by pixel (as the mistakes are made). */
    private static DMatrixRMaj flattened(FashionMnist.Images images, String mistake) {
        int features = images.rows() * images.cols();
        DMatrixRMaj X = new DMatrixRMaj(images.count(), features);
        for (int i = 0; i < images.count(); i++) {
            for (int r = 0; r < images.rows(); r++) {
                for (int c = 0; c < images.cols(); c++) {
                    int k = (i * images.rows() + r) * images.cols() + c;
                    double v = mistake.equals("signed") ? images.pixels()[k] : images.pixels()[k] & 0xff;
                    double x = switch (mistake) {
                        case "zero one" -> v / 255;
                        case "raw" -> v;
                        case "inverted" -> (255 - v - 127.5) / 127.5;
                        default -> (v - 127.5) / 127.5;
                    };
                    X.set(i, mistake.equals("columns") ? c * images.rows() + r : r * images.cols() + c, x);
                }
            }
        }
        return X;
    }

    /**
     * Exercise 12.2: the book's preprocessing written by the student, compared with {@link FashionMnist#toDataset} on
     * {@link #tinyPictures}, on three 28×28 pictures of random grey levels (seed 120), and on two pictures of 5 rows
     * and 7 columns (seed 121). Hints for Java's signed bytes, [0, 1], no scaling, an inversion, the pixels taken
     * column by column, pictures as columns.
     */
    public static void checkFlatten(Flattening student) {
        Exercise exercise = Exercise.of("12.2", "flatten and scale the pictures");
        List<FashionMnist.Images> sets = List.of(tinyPictures().images(), randomImages(3, 28, 28, 120),
                randomImages(2, 5, 7, 121));
        for (FashionMnist.Images images : sets) {
            String on = " for " + images.count() + " pictures of " + images.rows() + " rows × " + images.cols()
                    + " columns";
            FashionMnist.Images given = new FashionMnist.Images(images.count(), images.rows(), images.cols(),
                    images.pixels().clone());
            DMatrixRMaj expected = FashionMnist.toDataset(new FashionMnist.Split(images, new int[images.count()])).X();
            DMatrixRMaj actual = exercise.call("myFlatten(" + images + ")", () -> student.flatten(given));
            exercise.require(actual != null, "myFlatten returned null" + on);
            exercise.require(java.util.Arrays.equals(given.pixels(), images.pixels()), "myFlatten changed the pixels"
                    + " it was given" + on + ": write the values into a new matrix");
            int features = images.rows() * images.cols();
            exercise.compare("X" + on, expected, actual,
                    Hint.ifShape(features, images.count(), "one picture is one row of X (samples are rows), not a"
                            + " column"),
                    Hint.ifShape(images.count() * images.rows(), images.cols(), "flatten each picture into one row"
                            + " of rows · cols values, its rows one after the other"),
                    Hint.ifEqual(flattened(images, "signed"), "Java's byte is signed: a grey level above 127 reads"
                            + " as a negative number; (b & 0xff) gives 0 to 255"),
                    Hint.ifEqual(flattened(images, "zero one"), "the book scales to [−1, 1] with (v − 127.5) / 127.5,"
                            + " not v / 255"),
                    Hint.ifEqual(flattened(images, "raw"), "scale the grey levels: (v − 127.5) / 127.5"),
                    Hint.ifEqual(flattened(images, "inverted"), "the data set's pictures need no inversion: 0 is"
                            + " their background already, and it becomes −1"),
                    Hint.ifEqual(flattened(images, "columns"), "the pixels go row after row: pixel (row, column) is"
                            + " element row · cols + column of its picture's row, not column · rows + row"),
                    Hint.otherwise("X[i, row · cols + column] = (v − 127.5) / 127.5, v the grey level 0 to 255 of"
                            + " pixel (row, column) of picture i"));
        }
        exercise.verified("X equals FashionMnist.toDataset's for 2 pictures of 28×28 with one pixel each, 3 of 28×28"
                + " with random grey levels 0 to 255, and 2 of 5 rows × 7 columns");
        exercise.pass();
    }

    /** {@code count} pictures of random grey levels 0 to 255. */
    static FashionMnist.Images randomImages(int count, int rows, int cols, long seed) {
        NumpyRandom random = new NumpyRandom(seed);
        byte[] pixels = new byte[count * rows * cols];
        for (int k = 0; k < pixels.length; k++) {
            pixels[k] = (byte) random.randomInterval(255);
        }
        return new FashionMnist.Images(count, rows, cols, pixels);
    }

    // --- 12.3 --------------------------------------------------------------------------------------------------

    /** Exercise 12.3: the student's preparation of a picture, e.g. {@code picture -> myInputs(picture)}. */
    @FunctionalInterface
    public interface PictureInputs {
        /** The 1 × 784 row the chapter's network expects for {@code picture} (any size, colour or grey). */
        DMatrixRMaj inputs(BufferedImage picture);
    }

    /** One grey level of the 256, on the inputs' scale [−1, 1]. */
    static final double GREY_LEVEL = 1 / 127.5;

    /** A test picture of exercise 12.3: what it shows, and the picture. */
    record TestPicture(String name, BufferedImage image) {
    }

    /**
     * The pictures exercise 12.3 is checked on, drawn here with java.awt in colours whose grey level is clear-cut:
     * every shape is made of whole blocks of the 28×28 grid, so that any way of shrinking the picture (nearest
     * neighbour, bilinear or bicubic, area averaging) gives the same 28×28 values.
     */
    static List<TestPicture> testPictures() {
        // 1. 28 × 28, a white rectangle on black: nothing to shrink, nothing to invert. Not symmetric, so that a
        // transposed answer shows.
        BufferedImage square = canvas(28, 28, Color.BLACK);
        fill(square, 1, Color.WHITE, 14, 4, 10, 8);
        // 2. 112 × 112, a dark blue shirt on white: a photo's polarity, to be inverted.
        BufferedImage shirt = canvas(112, 112, Color.WHITE);
        Color navy = new Color(20, 30, 110);
        fill(shirt, 4, navy, 9, 6, 10, 20);    // the body
        fill(shirt, 4, navy, 4, 6, 5, 8);      // the left sleeve
        fill(shirt, 4, navy, 19, 6, 5, 8);     // the right sleeve
        fill(shirt, 4, Color.WHITE, 12, 6, 4, 2);   // the neck
        // 3. 168 wide × 112 high, a yellow bag on black: not square (6 × 4 pixels per input).
        BufferedImage bag = canvas(168, 112, Color.BLACK);
        Color yellow = new Color(250, 200, 40);
        fill(bag, 6, 4, yellow, 5, 10, 18, 14);    // the bag
        fill(bag, 6, 4, yellow, 9, 4, 10, 2);      // the handle's top
        fill(bag, 6, 4, yellow, 9, 6, 2, 4);       // its left side
        fill(bag, 6, 4, yellow, 17, 6, 2, 4);      // its right side
        // 4. 112 wide × 168 high, red trousers on a light grey ground: not square the other way, colour, inverted.
        BufferedImage trousers = canvas(112, 168, new Color(225, 225, 225));
        Color red = new Color(190, 30, 40);
        fill(trousers, 4, 6, red, 8, 3, 12, 5);     // the waist
        fill(trousers, 4, 6, red, 8, 8, 5, 18);     // the left leg
        fill(trousers, 4, 6, red, 15, 8, 5, 18);    // the right leg
        return List.of(new TestPicture("a white rectangle on black, 28×28", square),
                new TestPicture("a dark blue shirt on white, 112×112", shirt),
                new TestPicture("a yellow bag on black, 168 wide × 112 high", bag),
                new TestPicture("red trousers on light grey, 112 wide × 168 high", trousers));
    }

    private static BufferedImage canvas(int width, int height, Color ground) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(ground);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    /** Fills the cells (col, row) to (col + cols − 1, row + rows − 1) of the 28×28 grid, each cell block × block. */
    private static void fill(BufferedImage image, int block, Color color, int col, int row, int cols, int rows) {
        fill(image, block, block, color, col, row, cols, rows);
    }

    private static void fill(BufferedImage image, int blockWidth, int blockHeight, Color color, int col, int row,
            int cols, int rows) {
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(col * blockWidth, row * blockHeight, cols * blockWidth, rows * blockHeight);
        g.dispose();
    }

    private static BufferedImage copy(BufferedImage image) {
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = copy.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return copy;
    }

    /** What the library's {@link FashionMnist#prepareImage} makes of {@code image}, through a temporary PNG file. */
    static DMatrixRMaj libraryInputs(BufferedImage image) {
        Path file = null;
        try {
            file = Files.createTempFile("nnfs-exercise-12.3-", ".png");
            ImageIO.write(image, "png", file.toFile());
            return FashionMnist.prepareImage(file);
        } catch (IOException e) {
            throw new UncheckedIOException("exercise 12.3: could not write a test picture to a temporary file", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file left behind does no harm
                }
            }
        }
    }

    /** The typical mistakes of exercise 12.3, and the right answer (NONE). */
    enum Mistake {
        NONE, NOT_INVERTED, ALWAYS_INVERTED, ZERO_ONE, NOT_SCALED, ONE_MINUS, TRANSPOSED, AVERAGE_GREY
    }

    /**
     * The 784 inputs of {@code image} prepared as {@link FashionMnist#prepareImage} does (nearest-neighbour shrinking,
     * which gives the same values on the test pictures), with one typical mistake.
     */
    static DMatrixRMaj prepared(BufferedImage image, Mistake mistake) {
        int[] grey = new int[28 * 28];
        double border = 0;
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                int rgb = image.getRGB(c * image.getWidth() / 28, r * image.getHeight() / 28);
                int red = (rgb >> 16) & 0xff;
                int green = (rgb >> 8) & 0xff;
                int blue = rgb & 0xff;
                grey[r * 28 + c] = mistake == Mistake.AVERAGE_GREY ? (red + green + blue + 1) / 3
                        : (red * 299 + green * 587 + blue * 114 + 500) / 1000;
                if (r == 0 || c == 0 || r == 27 || c == 27) {
                    border += grey[r * 28 + c];
                }
            }
        }
        boolean invert = switch (mistake) {
            case NOT_INVERTED, ONE_MINUS -> false;
            case ALWAYS_INVERTED -> true;
            default -> border / 108 > 127.5;
        };
        boolean light = border / 108 > 127.5;
        DMatrixRMaj x = new DMatrixRMaj(1, 784);
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                int v = invert ? 255 - grey[r * 28 + c] : grey[r * 28 + c];
                double value = switch (mistake) {
                    case ZERO_ONE -> v / 255.0;
                    case NOT_SCALED -> v;
                    case ONE_MINUS -> light ? 1 - (v - 127.5) / 127.5 : (v - 127.5) / 127.5;
                    default -> (v - 127.5) / 127.5;
                };
                x.data[mistake == Mistake.TRANSPOSED ? c * 28 + r : r * 28 + c] = value;
            }
        }
        return x;
    }

    /** Recognises an answer within one grey level of {@code wrong}, everywhere. */
    private static Hint near(DMatrixRMaj wrong, String advice) {
        return Hint.when(answer -> answer.numRows == wrong.numRows && answer.numCols == wrong.numCols
                && firstDifference(wrong, answer, 1.01 * GREY_LEVEL) < 0, advice);
    }

    /** The first element where the two differ by more than {@code tolerance}, or −1. */
    private static int firstDifference(DMatrixRMaj expected, DMatrixRMaj actual, double tolerance) {
        for (int k = 0; k < expected.getNumElements(); k++) {
            if (!(Math.abs(actual.data[k] - expected.data[k]) <= tolerance)) {
                return k;
            }
        }
        return -1;
    }

    /**
     * Exercise 12.3: a picture of any size and colour as the 784 inputs of the chapter's network, compared, within
     * one grey level (the rounding of the grey conversion may differ), with the library's
     * {@link FashionMnist#prepareImage} on four pictures drawn here: a 28×28 white rectangle on black, a dark blue
     * shirt on white (to be inverted), a yellow bag on black 168 wide × 112 high, red trousers on light grey 112 wide
     * × 168 high (inverted). Hints for the shape (28×28, a column, the picture's own size), a picture left
     * un-inverted or always inverted, [0, 1] instead of [−1, 1], no scaling, 1 − x as the
     * inversion, rows and columns swapped, and the mean of R, G, B as the grey level.
     */
    public static void checkPictureInputs(PictureInputs student) {
        Exercise exercise = Exercise.of("12.3", "a picture of your own as 784 inputs");
        for (TestPicture picture : testPictures()) {
            BufferedImage image = picture.image();
            int width = image.getWidth();
            int height = image.getHeight();
            String on = " for " + picture.name();
            DMatrixRMaj expected = libraryInputs(image);
            DMatrixRMaj actual = exercise.call("myInputs(" + picture.name() + ")",
                    () -> student.inputs(copy(image)));
            exercise.require(actual != null, "myInputs returned null" + on);
            Hint[] shapes = {
                Hint.ifShape(28, 28, "the network reads one row per picture: put the 28 rows one after the other"
                        + " in a 1 × 784 matrix"),
                Hint.ifShape(784, 1, "one picture is one row, a 1 × 784 matrix, not a column"),
                Hint.when(a -> a.getNumElements() == width * height, "shrink the picture to 28×28 first: the"
                        + " network has one input per pixel of a 28×28 picture, whatever the photo's size"),
                Hint.otherwise("one row of 28 · 28 = 784 values, element row · 28 + column for pixel (row, column)")
            };
            exercise.require(actual.numRows == 1 && actual.numCols == 784, "expected a 1×784 matrix" + on + ", got "
                    + actual.numRows + "×" + actual.numCols, actual, shapes);
            int at = firstDifference(expected, actual, 1.01 * GREY_LEVEL);
            if (at >= 0) {
                throw exercise.fail("inputs[0, " + at + "] (row " + at / 28 + ", column " + at % 28 + " of the 28×28"
                        + " picture)" + on + ": expected " + Exercise.format(expected.data[at], 4) + ", got "
                        + Exercise.format(actual.data[at], 4), actual,
                        near(prepared(image, Mistake.NOT_INVERTED), "this picture has a light background, as a photo"
                                + " of clothing usually has, and Fashion-MNIST's pictures are light on dark (0 is the"
                                + " background): when the border is light (its mean grey level above 127.5), invert"
                                + " every grey level, v → 255 − v"),
                        near(prepared(image, Mistake.ALWAYS_INVERTED), "this picture is light on dark already, like"
                                + " the data set: invert only when the border is light (its mean grey level above"
                                + " 127.5)"),
                        near(prepared(image, Mistake.ZERO_ONE), "the chapter's network was trained on inputs in"
                                + " [−1, 1], (v − 127.5) / 127.5, not v / 255 in [0, 1]"),
                        near(prepared(image, Mistake.NOT_SCALED), "scale the grey levels 0…255 to [−1, 1] with"
                                + " (v − 127.5) / 127.5, as the training data was"),
                        near(prepared(image, Mistake.ONE_MINUS), "invert the grey level before scaling, v → 255 − v;"
                                + " after scaling to [−1, 1] the inversion is x → −x, not 1 − x"),
                        near(prepared(image, Mistake.TRANSPOSED), "rows and columns are swapped: pixel (row, column)"
                                + " is element row · 28 + column, and getRGB(x, y) takes the column x first"),
                        near(prepared(image, Mistake.AVERAGE_GREY), "turn colours grey with the luminance weights,"
                                + " 0.299 R + 0.587 G + 0.114 B, not the mean of R, G and B"),
                        Hint.otherwise("shrink to 28×28, grey = 0.299 R + 0.587 G + 0.114 B, invert (255 − v) when"
                                + " the border is light, then (v − 127.5) / 127.5, row after row"));
            }
        }
        exercise.verified("the 784 inputs agree within a grey level with FashionMnist.prepareImage's on 4 pictures:"
                + " 28×28, 112×112, 168×112 and 112×168; light on dark and dark on light (inverted); white, blue,"
                + " yellow and red");
        exercise.pass();
    }

    // --- 12.4 --------------------------------------------------------------------------------------------------

    /** Epochs and batch size of {@link #greyLevelRun}. */
    static final int EPOCHS = 200;
    static final int BATCH_SIZE = 32;

    /** A run "learns" when its last epoch's accuracy reaches this; a run that learns nothing stays at 1/3. */
    static final double LEARNS = 0.5;

    /**
     * Exercise 12.4's experiment: {@code Datasets.vertical(100, 3)} (seed 1) as two-pixel "pictures" of grey levels
     * {@code v = 127.5 x + 127.5} in [0, 255], fed to a 2-32-3 network (ReLU, softmax, seed 0) either raw or scaled
     * back with {@code (v − 127.5) / 127.5}, and trained with plain SGD at {@code learningRate} for 200 epochs in
     * batches of 32. Prints nothing; returns the history (its {@code last().accuracy()} is the last epoch's).
     */
    public static History greyLevelRun(boolean scaled, double learningRate) {
        Dataset points = Datasets.vertical(100, 3, new NumpyRandom(1));
        DMatrixRMaj X = points.X().copy();
        for (int k = 0; k < X.data.length; k++) {
            double v = 127.5 * X.data[k] + 127.5;
            X.data[k] = scaled ? (v - 127.5) / 127.5 : v;
        }
        NumpyRandom random = new NumpyRandom(0);
        Model model = new Model()
                .add(new Dense(2, 32, random)).add(new ReLU())
                .add(new Dense(32, 3, random)).add(new Softmax())
                .set(new CategoricalCrossEntropy(), new SGD().withLearningRate(learningRate), new CategoricalAccuracy())
                .printTo(null).showProgress(false)
                .build();
        return model.train(Dataset.of(X, points.labels()), EPOCHS, BATCH_SIZE, Integer.MAX_VALUE, null);
    }

    /**
     * Exercise 12.4 (explore): an interval [lo, hi] of learning rates, 10⁻⁴ ≤ lo &lt; hi ≤ 0.1 and hi ≤ 1.1 · lo, such
     * that {@link #greyLevelRun} on raw grey levels still learns at lo (last accuracy ≥ 0.5) and no longer at hi
     * (the boundary lies between 0.00272 and 0.00288; between 10⁻⁴ and 0.1 there is no other). Both runs are made
     * here.
     */
    public static void checkRawLearningRate(Supplier<double[]> interval) {
        Exercise exercise = Exercise.of("12.4", "the learning rate that raw grey levels can take");
        double[] answer = exercise.call("rawInterval()", interval);
        exercise.require(answer != null && answer.length == 2, "expected two learning rates {lo, hi}, got "
                + (answer == null ? "null" : answer.length + " numbers"));
        double lo = answer[0];
        double hi = answer[1];
        exercise.require(lo >= 1e-4 && hi <= 0.1 && lo < hi, "expected 0.0001 ≤ lo < hi ≤ 0.1, got lo = " + lo
                + ", hi = " + hi);
        exercise.require(hi <= 1.1 * lo * (1 + 1e-12), "narrow it down: hi is " + Exercise.format(hi / lo, 3)
                + " times lo; at most 1.1 times is asked for");
        double atLo = greyLevelRun(false, lo).last().accuracy();
        double atHi = greyLevelRun(false, hi).last().accuracy();
        exercise.require(atLo >= LEARNS, "on raw grey levels at learning rate " + lo + " the last epoch's accuracy is "
                + Exercise.format(atLo, 3) + ": the network learns nothing there already, so the boundary lies lower"
                + (greyLevelRun(true, lo).last().accuracy() >= LEARNS ? " (the scaled run does learn at lo: this"
                        + " exercise is about the raw one, greyLevelRun(false, ...))" : ""));
        exercise.require(atHi < LEARNS, "on raw grey levels at learning rate " + hi + " the last epoch's accuracy is "
                + Exercise.format(atHi, 3) + ": the network still learns there, so the boundary lies higher");
        exercise.verified("on raw grey levels the network learns at learning rate " + lo + " (accuracy "
                + Exercise.format(atLo, 3) + ") and no longer at " + hi + " (" + Exercise.format(atHi, 3) + ")");
        exercise.pass();
    }
}
