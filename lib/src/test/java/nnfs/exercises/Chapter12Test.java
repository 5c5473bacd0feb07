package nnfs.exercises;

import static nnfs.exercises.ExerciseAssertions.assertFails;
import static nnfs.exercises.ExerciseAssertions.assertNotAttempted;
import static nnfs.exercises.ExerciseAssertions.assertPasses;
import static nnfs.exercises.ExerciseAssertions.stub;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import nnfs.Matrices;
import nnfs.data.FashionMnist;

/** Chapter 12's checks: right answers pass, the stub is "not attempted", typical mistakes get their hint. */
class Chapter12Test {

    // --- 12.1 --------------------------------------------------------------------------------------------------

    private static Chapter12.PreprocessingPrediction predicting(int column, double value, double background,
            double rowSum) {
        return new Chapter12.PreprocessingPrediction() {
            public int column() {
                return column;
            }

            public double value() {
                return value;
            }

            public double background() {
                return background;
            }

            public double rowSum() {
                return rowSum;
            }
        };
    }

    private static void check(int column, double value, double background, double rowSum) {
        Chapter12.checkPreprocessingPrediction(predicting(column, value, background, rowSum));
    }

    @Test
    void preprocessingPrediction() {
        assertPasses("12.1", () -> check(160, -0.6, -1, -782));
        assertPasses("12.1", () -> check(5 * 28 + 20, (51 - 127.5) / 127.5, -1.0, 783 * -1.0 + 1.0));
        assertFails("12.1", () -> check(565, -0.6, -1, -782), "column: your prediction 565.0 is too high",
                "not column · 28 + row");
        assertFails("12.1", () -> check(161, -0.6, -1, -782), "counted from 0");
        assertFails("12.1", () -> check(160, 0.2, -1, -782), "value: your prediction 0.2 is too high",
                "not to [0, 1]");
        assertFails("12.1", () -> check(160, 0.6, -1, -782), "its value is negative");
        assertFails("12.1", () -> check(160, 0.4, -1, -782), "subtract 127.5 before dividing");
        assertFails("12.1", () -> check(160, -0.6, 0, -782), "background: your prediction 0.0 is too high",
                "(0 − 127.5) / 127.5 after scaling");
        assertFails("12.1", () -> check(160, -0.6, -1, 1), "rowSum", "each one adds −1");
        assertFails("12.1", () -> check(160, -0.6, -1, -784), "is too low", "it adds +1");
        assertFails("12.1", () -> check(160, -0.6, -1, -783), "which counts too");
        assertFails("12.1", () -> check(160, -0.6, -1, -700), "is too high", "783 background pixels");
        Chapter12.PreprocessingPrediction untouched = new Chapter12.PreprocessingPrediction() {
            public int column() {
                throw stub("12.1");
            }

            public double value() {
                throw stub("12.1");
            }

            public double background() {
                throw stub("12.1");
            }

            public double rowSum() {
                throw stub("12.1");
            }
        };
        assertNotAttempted("12.1", () -> Chapter12.checkPreprocessingPrediction(untouched));
    }

    // --- 12.2 --------------------------------------------------------------------------------------------------

    /** A student's flattening, with at most one slip. */
    private static DMatrixRMaj flatten(FashionMnist.Images images, String slip) {
        if (slip.equals("stub")) {
            throw stub("12.2");
        }
        int n = images.rows() * images.cols();
        DMatrixRMaj X = slip.equals("transposed") ? new DMatrixRMaj(n, images.count())
                : new DMatrixRMaj(images.count(), n);
        byte[] p = images.pixels();
        for (int i = 0; i < images.count(); i++) {
            for (int r = 0; r < images.rows(); r++) {
                for (int c = 0; c < images.cols(); c++) {
                    int k = i * n + r * images.cols() + c;
                    double v = slip.equals("signed") ? p[k] : Byte.toUnsignedInt(p[k]);
                    double x = switch (slip) {
                        case "zero one" -> v / 255;
                        case "raw" -> v;
                        case "inverted" -> 1 - v / 127.5;
                        case "off" -> (v - 127) / 127.5;
                        default -> v / 127.5 - 1;
                    };
                    if (slip.equals("transposed")) {
                        X.set(r * images.cols() + c, i, x);
                    } else if (slip.equals("columns")) {
                        X.set(i, c * images.rows() + r, x);
                    } else {
                        X.set(i, r * images.cols() + c, x);
                    }
                }
            }
        }
        if (slip.equals("in place")) {
            p[0] = 1;
        }
        return X;
    }

    private static void flattenCheck(String slip) {
        Chapter12.checkFlatten(images -> flatten(images, slip));
    }

    @Test
    void flattenPictures() {
        assertPasses("12.2", () -> flattenCheck("none"));
        assertPasses("12.2", () -> Chapter12.checkFlatten(images -> FashionMnist.toDataset(
                new FashionMnist.Split(images, new int[images.count()])).X()));
        assertNotAttempted("12.2", () -> flattenCheck("stub"));
        assertFails("12.2", () -> flattenCheck("signed"), "2 pictures of 28 rows", "Java's byte is signed");
        assertFails("12.2", () -> flattenCheck("zero one"), "2 pictures of 28 rows", "not v / 255");
        assertFails("12.2", () -> flattenCheck("raw"), "scale the grey levels");
        assertFails("12.2", () -> flattenCheck("inverted"), "need no inversion");
        assertFails("12.2", () -> flattenCheck("columns"), "not column · rows + row");
        assertFails("12.2", () -> flattenCheck("transposed"), "expected a 2×784 matrix, got 784×2", "not a column");
        assertFails("12.2", () -> flattenCheck("off"), "X for 2 pictures", "X[i, row · cols + column]");
        assertFails("12.2", () -> flattenCheck("in place"), "changed the pixels");
    }

    // --- 12.3 --------------------------------------------------------------------------------------------------

    private enum Shrink { BILINEAR, NEAREST, BICUBIC, AREA }

    private enum Slip {
        NONE, NOT_INVERTED, ALWAYS_INVERTED, ZERO_ONE, ZERO_ONE_NOT_INVERTED, NOT_SCALED, ONE_MINUS, TRANSPOSED,
        AVERAGE_GREY, SQUARE_MATRIX, COLUMN, NOT_SHRUNK, CORNER_TEST, TRUNCATED_GREY, STUB
    }

    /** A student's preparation of a picture, shrunk one way, with at most one slip. */
    private static DMatrixRMaj student(BufferedImage image, Shrink shrink, Slip slip) {
        if (slip == Slip.STUB) {
            throw stub("12.3");
        }
        int size = slip == Slip.NOT_SHRUNK ? -1 : 28;
        int width = size < 0 ? image.getWidth() : 28;
        int height = size < 0 ? image.getHeight() : 28;
        BufferedImage small = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        if (shrink == Shrink.AREA) {
            g.drawImage(image.getScaledInstance(width, height, Image.SCALE_AREA_AVERAGING), 0, 0, null);
        } else {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, switch (shrink) {
                case NEAREST -> RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR;
                case BICUBIC -> RenderingHints.VALUE_INTERPOLATION_BICUBIC;
                default -> RenderingHints.VALUE_INTERPOLATION_BILINEAR;
            });
            g.drawImage(image, 0, 0, width, height, null);
        }
        g.dispose();
        double[] grey = new double[width * height];
        double border = 0;
        int borderCount = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = small.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int gr = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                double v = switch (slip) {
                    case AVERAGE_GREY -> (r + gr + b) / 3.0;
                    case TRUNCATED_GREY -> (int) (0.299 * r + 0.587 * gr + 0.114 * b);
                    default -> 0.299 * r + 0.587 * gr + 0.114 * b;
                };
                grey[y * width + x] = v;
                if (x == 0 || y == 0 || x == width - 1 || y == height - 1) {
                    border += v;
                    borderCount++;
                }
            }
        }
        boolean light = slip == Slip.CORNER_TEST ? grey[0] > 127.5 : border / borderCount > 127.5;
        boolean invert = switch (slip) {
            case NOT_INVERTED, ZERO_ONE_NOT_INVERTED, ONE_MINUS -> false;
            case ALWAYS_INVERTED -> true;
            default -> light;
        };
        DMatrixRMaj out = switch (slip) {
            case SQUARE_MATRIX -> new DMatrixRMaj(28, 28);
            case COLUMN -> new DMatrixRMaj(784, 1);
            default -> new DMatrixRMaj(1, width * height);
        };
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double v = invert ? 255 - grey[y * width + x] : grey[y * width + x];
                double value = switch (slip) {
                    case ZERO_ONE, ZERO_ONE_NOT_INVERTED -> v / 255;
                    case NOT_SCALED -> v;
                    case ONE_MINUS -> light ? 1 - (v - 127.5) / 127.5 : (v - 127.5) / 127.5;
                    default -> (v - 127.5) / 127.5;
                };
                out.data[slip == Slip.TRANSPOSED ? x * height + y : y * width + x] = value;
            }
        }
        return out;
    }

    private static void check(Shrink shrink, Slip slip) {
        Chapter12.checkPictureInputs(picture -> student(picture, shrink, slip));
    }

    @Test
    void referenceEqualsTheLibrary() {
        for (Chapter12.TestPicture picture : Chapter12.testPictures()) {
            DMatrixRMaj library = Chapter12.libraryInputs(picture.image());
            DMatrixRMaj mine = Chapter12.prepared(picture.image(), Chapter12.Mistake.NONE);
            assertEquals(0.0, Matrices.maxAbsDifference(library, mine), 1e-12, picture.name());
        }
    }

    @Test
    void everyMistakeDiffersFromTheRightAnswerOnSomePicture() {
        for (Chapter12.Mistake mistake : Chapter12.Mistake.values()) {
            if (mistake == Chapter12.Mistake.NONE) {
                continue;
            }
            double largest = 0;
            for (Chapter12.TestPicture picture : Chapter12.testPictures()) {
                largest = Math.max(largest, Matrices.maxAbsDifference(Chapter12.prepared(picture.image(),
                        Chapter12.Mistake.NONE), Chapter12.prepared(picture.image(), mistake)));
            }
            assertEquals(true, largest > 0.1, mistake + ": " + largest);
        }
    }

    @Test
    void pictureInputs() {
        for (Shrink shrink : Shrink.values()) {
            assertPasses("12.3", () -> check(shrink, Slip.NONE));
        }
        assertPasses("12.3", () -> check(Shrink.BILINEAR, Slip.TRUNCATED_GREY));
        assertPasses("12.3", () -> check(Shrink.BILINEAR, Slip.CORNER_TEST));
        assertNotAttempted("12.3", () -> check(Shrink.BILINEAR, Slip.STUB));
        assertFails("12.3", () -> check(Shrink.BILINEAR, Slip.NOT_INVERTED), "dark blue shirt on white",
                "has a light background", "v → 255 − v");
        assertFails("12.3", () -> check(Shrink.NEAREST, Slip.ALWAYS_INVERTED), "white rectangle on black",
                "light on dark already");
        assertFails("12.3", () -> check(Shrink.BILINEAR, Slip.ZERO_ONE), "white rectangle on black",
                "not v / 255 in [0, 1]");
        assertFails("12.3", () -> check(Shrink.AREA, Slip.ZERO_ONE_NOT_INVERTED), "not v / 255 in [0, 1]");
        assertFails("12.3", () -> check(Shrink.BILINEAR, Slip.NOT_SCALED), "expected -1.0, got 0.0",
                "scale the grey levels");
        assertFails("12.3", () -> check(Shrink.BILINEAR, Slip.ONE_MINUS), "dark blue shirt", "not 1 − x");
        assertFails("12.3", () -> check(Shrink.BICUBIC, Slip.TRANSPOSED), "white rectangle on black",
                "rows and columns are swapped");
        assertFails("12.3", () -> check(Shrink.BILINEAR, Slip.AVERAGE_GREY), "dark blue shirt",
                "luminance weights");
        assertFails("12.3", () -> check(Shrink.BILINEAR, Slip.SQUARE_MATRIX), "expected a 1×784 matrix",
                "got 28×28", "put the 28 rows one after the other");
        assertFails("12.3", () -> check(Shrink.BILINEAR, Slip.COLUMN), "got 784×1", "not a column");
        assertFails("12.3", () -> check(Shrink.BILINEAR, Slip.NOT_SHRUNK), "dark blue shirt", "got 1×12544",
                "shrink the picture to 28×28 first");
        assertFails("12.3", () -> Chapter12.checkPictureInputs(picture -> null), "returned null");
    }

    // --- 12.4 --------------------------------------------------------------------------------------------------

    private static void interval(double lo, double hi) {
        Chapter12.checkRawLearningRate(() -> new double[] {lo, hi});
    }

    @Test
    void rawLearningRate() {
        assertPasses("12.4", () -> interval(0.0027, 0.0029));
        assertPasses("12.4", () -> interval(0.00272, 0.00288));
        assertFails("12.4", () -> interval(0.0029, 0.0031), "learns nothing there already",
                "the boundary lies lower");
        assertFails("12.4", () -> interval(0.05, 0.055), "learns nothing there already",
                "the scaled run does learn at lo");
        assertFails("12.4", () -> interval(0.0025, 0.0027), "still learns there", "the boundary lies higher");
        assertFails("12.4", () -> interval(0.001, 0.003), "narrow it down", "3.0 times lo");
        assertFails("12.4", () -> interval(0.003, 0.002), "expected 0.0001 ≤ lo < hi ≤ 0.1");
        assertFails("12.4", () -> interval(2.9, 3.1), "expected 0.0001 ≤ lo < hi ≤ 0.1");
        assertFails("12.4", () -> Chapter12.checkRawLearningRate(() -> new double[] {0.0027}), "expected two");
        assertNotAttempted("12.4", () -> Chapter12.checkRawLearningRate(() -> {
            throw stub("12.4");
        }));
    }

    @Test
    void rawLearningRateIsQuick() {
        long start = System.nanoTime();
        assertPasses("12.4", () -> interval(0.0027, 0.0029));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(true, seconds < 2, seconds + " s");
    }
}
