package nnfs.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.ejml.data.DMatrixRMaj;

import nnfs.Checks;

/**
 * Fashion-MNIST: 70 000 grey 28×28 pictures of clothing in 10 classes (60 000 to train on, 10 000 to test), the data
 * set of the book's last chapters.
 *
 * <p>{@link #load()} looks for the four official files ({@code train-images-idx3-ubyte.gz} and the others) in this
 * order: the directory named by the environment variable {@value #ENVIRONMENT_VARIABLE} (or the system property
 * {@code nnfs.fashionMnist}); Debian's package {@code dataset-fashion-mnist} ({@value #DEBIAN_DIRECTORY}); the
 * download cache ({@code ~/.cache/nnfs/fashion-mnist}); and, when none has them, downloads them into the cache from
 * the official address, showing progress and checking the published MD5 sums. {@link #load(Path)} reads one
 * directory, which may also hold the book's PNG layout ({@code train/<label>/<nnnn>.png} and {@code test/…}).
 */
public final class FashionMnist {

    /** The environment variable naming a directory with the files. */
    public static final String ENVIRONMENT_VARIABLE = "NNFS_FASHION_MNIST";

    /** Where Debian's {@code dataset-fashion-mnist} package puts the files. */
    public static final String DEBIAN_DIRECTORY = "/usr/share/datasets/fashion-mnist";

    /** Where the files are published. */
    public static final URI OFFICIAL_URL = URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");

    /** The four files and their published MD5 sums, training set first. */
    public static final Map<String, String> OFFICIAL_MD5 = officialMd5();

    /** The class names, by label. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    private static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    private static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    private static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

    private FashionMnist() {
    }

    private static Map<String, String> officialMd5() {
        Map<String, String> md5 = new LinkedHashMap<>();
        md5.put(TRAIN_IMAGES, "8d4fb7e6c68d591d4c3dfef9ec88bf0d");
        md5.put(TRAIN_LABELS, "25c81989df183df01b3e8a0aad5dffbe");
        md5.put(TEST_IMAGES, "bef4ecab320f06d8554ea6380940ec79");
        md5.put(TEST_LABELS, "bb300cfdad3c16e7a12a480ee83cd310");
        return java.util.Collections.unmodifiableMap(md5);
    }

    /** Pictures as unsigned bytes, picture after picture, each row after row (0 is white, 255 black). */
    public record Images(int count, int rows, int cols, byte[] pixels) {

        /** Pixel (row, col) of picture {@code i}, 0 to 255. */
        public int pixel(int i, int row, int col) {
            return pixels[(i * rows + row) * cols + col] & 0xff;
        }

        /** Picture {@code i} as a grey image (dark clothing on a light ground, as people draw it). */
        public BufferedImage image(int i) {
            BufferedImage image = new BufferedImage(cols, rows, BufferedImage.TYPE_BYTE_GRAY);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int v = 255 - pixel(i, r, c);
                    image.getRaster().setSample(c, r, 0, v);
                }
            }
            return image;
        }

        @Override
        public String toString() {
            return "Images(" + count + " of " + rows + "×" + cols + ")";
        }
    }

    /** A set of pictures with their labels. */
    public record Split(Images images, int[] labels) {
        public int size() {
            return labels.length;
        }
    }

    /** The training and test sets, and where they were read from. */
    public record Data(Split train, Split test, String source) {
        @Override
        public String toString() {
            return "Fashion-MNIST: " + train.size() + " training and " + test.size() + " test pictures of "
                    + train.images().rows() + "×" + train.images().cols() + " from " + source;
        }
    }

    /**
     * Finds the data (see the class comment), downloading it when it is nowhere on this machine. Progress and the
     * place it was found go to {@code System.out}.
     */
    public static Data load() throws IOException {
        Path directory = locate();
        if (directory == null) {
            directory = cacheDirectory();
            System.out.println("Fashion-MNIST not found on this machine; downloading it into " + directory);
            download(directory, OFFICIAL_URL, OFFICIAL_MD5, System.out);
        }
        return load(directory);
    }

    /**
     * The directory {@link #load()} would read, or null when it would have to download. A directory named by the
     * environment variable or system property must hold the data: naming a wrong one is an error, not a fallback.
     */
    public static Path locate() throws IOException {
        String named = System.getProperty("nnfs.fashionMnist", System.getenv(ENVIRONMENT_VARIABLE));
        if (named != null && !named.isBlank()) {
            Path dir = Path.of(named);
            if (!hasIdxFiles(dir) && !hasPngLayout(dir)) {
                throw new DatasetFormatException(ENVIRONMENT_VARIABLE + " names " + dir + ", which holds neither the "
                        + "four Fashion-MNIST files (" + String.join(", ", OFFICIAL_MD5.keySet())
                        + ") nor the book's folders train/ and test/");
            }
            return dir;
        }
        for (Path dir : List.of(Path.of(DEBIAN_DIRECTORY), cacheDirectory())) {
            if (hasIdxFiles(dir)) {
                return dir;
            }
        }
        return null;
    }

    /** {@code $XDG_CACHE_HOME/nnfs/fashion-mnist}, or {@code ~/.cache/nnfs/fashion-mnist}. */
    public static Path cacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("nnfs").resolve("fashion-mnist");
    }

    /** Reads the data from one directory: the four IDX files, or the book's PNG layout. */
    public static Data load(Path directory) throws IOException {
        Checks.requireNonNull("FashionMnist", "load", directory, "a directory");
        if (hasIdxFiles(directory)) {
            return new Data(readIdx(directory.resolve(TRAIN_IMAGES), directory.resolve(TRAIN_LABELS)),
                    readIdx(directory.resolve(TEST_IMAGES), directory.resolve(TEST_LABELS)), directory.toString());
        }
        if (hasPngLayout(directory)) {
            Path root = pngRoot(directory);
            return new Data(readPngs(root.resolve("train")), readPngs(root.resolve("test")), root.toString());
        }
        if (!Files.isDirectory(directory)) {
            throw new DatasetFormatException("FashionMnist.load: expected a directory, got " + directory
                    + (Files.exists(directory) ? " (a file)" : " (it does not exist)"));
        }
        throw new DatasetFormatException("FashionMnist.load: expected the four Fashion-MNIST files ("
                + String.join(", ", OFFICIAL_MD5.keySet()) + ") or the book's folders train/ and test/ in "
                + directory + ", found neither");
    }

    private static boolean hasIdxFiles(Path dir) {
        return OFFICIAL_MD5.keySet().stream().allMatch(name -> Files.isRegularFile(dir.resolve(name)));
    }

    private static boolean hasPngLayout(Path dir) {
        Path root = pngRoot(dir);
        return Files.isDirectory(root.resolve("train")) && Files.isDirectory(root.resolve("test"));
    }

    /** The book unzips into {@code fashion_mnist_images/}; accept that folder or its parent. */
    private static Path pngRoot(Path dir) {
        Path nested = dir.resolve("fashion_mnist_images");
        return Files.isDirectory(nested) ? nested : dir;
    }

    /** Reads one IDX image file and its label file, and checks that they belong together. */
    public static Split readIdx(Path imagesFile, Path labelsFile) throws IOException {
        Idx.Array images = Idx.read(imagesFile, 3);
        Idx.Array labels = Idx.read(labelsFile, 1);
        int count = images.dimensions()[0];
        if (labels.dimensions()[0] != count) {
            throw new DatasetFormatException(labelsFile.getFileName() + ": expected " + count + " labels, one per "
                    + "picture of " + imagesFile.getFileName() + ", got " + labels.dimensions()[0]);
        }
        int[] y = new int[count];
        for (int i = 0; i < count; i++) {
            y[i] = labels.get(i);
            if (y[i] >= CLASS_NAMES.size()) {
                throw new DatasetFormatException(labelsFile.getFileName() + ": expected labels 0 to "
                        + (CLASS_NAMES.size() - 1) + ", got " + y[i] + " at position " + i);
            }
        }
        return new Split(new Images(count, images.dimensions()[1], images.dimensions()[2], images.values()), y);
    }

    /**
     * Reads the book's PNG layout: {@code dir/<label>/<file>.png}, labels in numeric order and files in name order
     * within each, every picture grey and of the same size.
     */
    public static Split readPngs(Path dir) throws IOException {
        List<Path> labelDirs;
        try (Stream<Path> s = Files.list(dir)) {
            labelDirs = s.filter(Files::isDirectory).sorted((a, b) -> labelOf(a) - labelOf(b)).toList();
        }
        if (labelDirs.isEmpty()) {
            throw new DatasetFormatException(dir + ": expected one folder per label (0 to 9), found none");
        }
        List<Integer> labels = new ArrayList<>();
        List<byte[]> pictures = new ArrayList<>();
        int rows = -1;
        int cols = -1;
        for (Path labelDir : labelDirs) {
            int label = labelOf(labelDir);
            List<Path> files;
            try (Stream<Path> s = Files.list(labelDir)) {
                files = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"))
                        .sorted().toList();
            }
            for (Path file : files) {
                BufferedImage image = readPicture(Files.readAllBytes(file), file.toString());
                if (rows < 0) {
                    rows = image.getHeight();
                    cols = image.getWidth();
                } else if (image.getHeight() != rows || image.getWidth() != cols) {
                    throw new DatasetFormatException(file + ": expected a " + rows + "×" + cols + " picture like the "
                            + "others, got " + image.getHeight() + "×" + image.getWidth());
                }
                byte[] pixels = new byte[rows * cols];
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        pixels[r * cols + c] = (byte) grey(image, c, r);
                    }
                }
                pictures.add(pixels);
                labels.add(label);
            }
        }
        byte[] all = new byte[pictures.size() * rows * cols];
        for (int i = 0; i < pictures.size(); i++) {
            System.arraycopy(pictures.get(i), 0, all, i * rows * cols, rows * cols);
        }
        return new Split(new Images(pictures.size(), rows, cols, all),
                labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The largest picture {@link #readPngs} accepts, in pixels: far above 28×28, far below what would exhaust memory. */
    public static final int MAX_PICTURE_PIXELS = 1 << 16;

    /**
     * Decodes one picture of the PNG layout; {@code name} appears in error messages. The size in its header is checked
     * before any pixel is decoded (at most {@link #MAX_PICTURE_PIXELS}), and whatever the decoder finds wrong (a
     * truncated or corrupt file, a bad checksum in the compressed data) is a {@link DatasetFormatException}.
     */
    public static BufferedImage readPicture(byte[] bytes, String name) throws DatasetFormatException {
        return decodePicture(bytes, name, MAX_PICTURE_PIXELS, "a PNG picture");
    }

    /** The largest photo {@link #prepareImage} accepts, in pixels (a 40-megapixel camera's). */
    public static final int MAX_PHOTO_PIXELS = 40_000_000;

    private static BufferedImage decodePicture(byte[] bytes, String name, long maxPixels, String what)
            throws DatasetFormatException {
        try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(
                new java.io.ByteArrayInputStream(bytes))) {
            java.util.Iterator<javax.imageio.ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new DatasetFormatException(name + ": expected " + what + ", got a file no image reader "
                        + "recognises");
            }
            javax.imageio.ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width < 1 || height < 1 || width * height > maxPixels) {
                    throw new DatasetFormatException(name + ": expected a picture of 1 to " + maxPixels
                            + " pixels, got " + height + "×" + width);
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (DatasetFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // The image decoders are not ours: a damaged file can make them fail in any way (an IIOException, an
            // index out of bounds...). Each is reported as what it is, a picture that cannot be read.
            throw new DatasetFormatException(name + ": expected " + what + ", got a file the decoder rejects ("
                    + e.getMessage() + ")");
        }
    }

    private static int labelOf(Path labelDir) {
        String name = labelDir.getFileName().toString();
        try {
            int label = Integer.parseInt(name);
            if (label >= 0 && label < CLASS_NAMES.size()) {
                return label;
            }
        } catch (NumberFormatException notANumber) {
            // Reported below.
        }
        throw new IllegalArgumentException(labelDir + ": expected a label folder named 0 to "
                + (CLASS_NAMES.size() - 1) + ", got '" + name + "'");
    }

    /**
     * The grey level of one pixel, 0 to 255. A grey picture (the book's PNGs) is read as stored: going through
     * {@code getRGB} would convert its linear grey to sRGB and change the values. A colour picture is turned grey
     * with the usual luma weights.
     */
    private static int grey(BufferedImage image, int x, int y) {
        if (image.getRaster().getNumBands() <= 2 && image.getColorModel().getComponentSize(0) == 8) {
            return image.getRaster().getSample(x, y, 0);
        }
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        return (r * 299 + g * 587 + b * 114 + 500) / 1000;
    }

    /**
     * The book's preprocessing: each picture flattened to one row of rows·cols values, scaled from [0, 255] to
     * [−1, 1] with {@code (x − 127.5) / 127.5}.
     */
    public static Dataset toDataset(Split split) {
        Images images = split.images();
        int features = images.rows() * images.cols();
        DMatrixRMaj X = new DMatrixRMaj(images.count(), features);
        byte[] pixels = images.pixels();
        for (int k = 0; k < pixels.length; k++) {
            X.data[k] = ((pixels[k] & 0xff) - 127.5) / 127.5;
        }
        return Dataset.of(X, split.labels().clone());
    }

    /**
     * One picture file prepared like the training data: read, turned grey, resized to 28×28, inverted when its
     * background is light (a photo of dark clothing on white, as the book's own examples), and scaled to [−1, 1].
     * Returns a 1 × 784 matrix for {@code Model.predict}.
     */
    public static DMatrixRMaj prepareImage(Path file) throws IOException {
        BufferedImage image = decodePicture(Files.readAllBytes(file), file.toString(), MAX_PHOTO_PIXELS,
                "a picture (PNG, JPEG, GIF or BMP)");
        BufferedImage small = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, 0, 0, 28, 28, null);
        g.dispose();
        int[] grey = new int[28 * 28];
        long border = 0;
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                grey[r * 28 + c] = grey(small, c, r);
                if (r == 0 || c == 0 || r == 27 || c == 27) {
                    border += grey[r * 28 + c];
                }
            }
        }
        boolean lightBackground = border / (4.0 * 27) > 127.5;
        DMatrixRMaj x = new DMatrixRMaj(1, 28 * 28);
        for (int k = 0; k < grey.length; k++) {
            int v = lightBackground ? 255 - grey[k] : grey[k];
            x.data[k] = (v - 127.5) / 127.5;
        }
        return x;
    }

    /**
     * Downloads the four files into {@code directory} from {@code base}, showing progress on {@code progress} (one
     * line per file, updated in place; null for none), and checks each file's MD5 sum before keeping it. A file
     * already there with the right sum is not downloaded again.
     */
    public static void download(Path directory, URI base, Map<String, String> md5, PrintStream progress)
            throws IOException {
        Files.createDirectories(directory);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        for (Map.Entry<String, String> file : md5.entrySet()) {
            Path target = directory.resolve(file.getKey());
            if (Files.isRegularFile(target) && md5(target).equals(file.getValue())) {
                continue;
            }
            URI uri = base.resolve(file.getKey());
            Path partial = Files.createTempFile(directory, file.getKey(), ".part");
            try {
                fetch(client, uri, partial, file.getKey(), progress);
                String sum = md5(partial);
                if (!sum.equals(file.getValue())) {
                    throw new DatasetFormatException(uri + ": expected MD5 " + file.getValue() + ", got " + sum
                            + " (a damaged or different file; nothing was kept)");
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
    }

    private static void fetch(HttpClient client, URI uri, Path into, String name, PrintStream progress)
            throws IOException {
        HttpResponse<InputStream> response;
        try {
            response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("FashionMnist.download: interrupted while downloading " + uri, e);
        } catch (IOException e) {
            throw new IOException("FashionMnist.download: could not reach " + uri + " (" + e + "). Put the four files "
                    + "in a directory and set " + ENVIRONMENT_VARIABLE + " to it, or pass it to FashionMnist.load", e);
        }
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("FashionMnist.download: expected HTTP 200 from " + uri + ", got "
                    + response.statusCode());
        }
        long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(into)) {
            byte[] buffer = new byte[1 << 16];
            long done = 0;
            int shown = -1;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                done += n;
                int percent = total > 0 ? (int) (100 * done / total) : -1;
                if (progress != null && percent != shown) {
                    shown = percent;
                    progress.print("\r" + progressLine(name, done, total));
                    progress.flush();
                }
            }
            if (progress != null) {
                progress.println("\r" + progressLine(name, done, total));
            }
        }
    }

    /** {@code train-images-idx3-ubyte.gz  [##########----------]  50%  13.2 / 26.4 MB} */
    static String progressLine(String name, long done, long total) {
        if (total <= 0) {
            return String.format(Locale.ROOT, "%-28s %.1f MB", name, done / 1e6);
        }
        int width = 20;
        int filled = (int) (width * done / total);
        return String.format(Locale.ROOT, "%-28s [%s%s] %3d%%  %.1f / %.1f MB", name, "#".repeat(filled),
                "-".repeat(width - filled), (int) (100 * done / total), done / 1e6, total / 1e6);
    }

    /** The MD5 sum of a file, in lowercase hex. */
    public static String md5(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("MD5");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this Java runtime", e);
        }
    }
}
