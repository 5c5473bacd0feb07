package nnfs.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import javax.imageio.ImageIO;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import nnfs.random.NumpyRandom;

class FashionMnistTest {

    /** A small Fashion-MNIST in the official layout: n pictures of 28×28 whose pixel (r, c) is (i + r + c) mod 256. */
    static Map<String, byte[]> smallFiles(int nTrain, int nTest) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("train-images-idx3-ubyte.gz", gzip(Idx.encode(images(nTrain))));
        files.put("train-labels-idx1-ubyte.gz", gzip(Idx.encode(labels(nTrain))));
        files.put("t10k-images-idx3-ubyte.gz", gzip(Idx.encode(images(nTest))));
        files.put("t10k-labels-idx1-ubyte.gz", gzip(Idx.encode(labels(nTest))));
        return files;
    }

    static Idx.Array images(int n) {
        byte[] v = new byte[n * 28 * 28];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < 28; r++) {
                for (int c = 0; c < 28; c++) {
                    v[(i * 28 + r) * 28 + c] = (byte) (i + r + c);
                }
            }
        }
        return new Idx.Array(new int[] {n, 28, 28}, v);
    }

    static Idx.Array labels(int n) {
        byte[] v = new byte[n];
        for (int i = 0; i < n; i++) {
            v[i] = (byte) (i % 10);
        }
        return new Idx.Array(new int[] {n}, v);
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    static Map<String, String> md5Of(Map<String, byte[]> files, Path scratch) throws IOException {
        Map<String, String> md5 = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path f = Files.write(scratch.resolve(e.getKey()), e.getValue());
            md5.put(e.getKey(), FashionMnist.md5(f));
        }
        return md5;
    }

    /** A web server on the loopback interface serving {@code files}, counting requests. */
    static HttpServer serve(Map<String, byte[]> files, AtomicInteger requests) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            String name = exchange.getRequestURI().getPath().substring(1);
            byte[] body = files.get(name);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        return server;
    }

    @Test
    void downloadsChecksAndCachesTheFiles(@TempDir Path dir) throws IOException {
        Map<String, byte[]> files = smallFiles(5, 3);
        Map<String, String> md5 = md5Of(files, Files.createDirectory(dir.resolve("scratch")));
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = serve(files, requests);
        try {
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            Path target = dir.resolve("cache");
            ByteArrayOutputStream progress = new ByteArrayOutputStream();
            FashionMnist.download(target, base, md5, new PrintStream(progress, true, StandardCharsets.UTF_8));
            assertEquals(4, requests.get());
            String shown = progress.toString(StandardCharsets.UTF_8);
            assertTrue(shown.contains("train-images-idx3-ubyte.gz   [####################] 100%"), shown);
            assertTrue(shown.contains("\r"), "progress is updated in place");

            FashionMnist.Data data = FashionMnist.load(target);
            assertEquals(5, data.train().size());
            assertEquals(3, data.test().size());
            assertEquals((4 + 2 + 3) & 0xff, data.train().images().pixel(4, 2, 3));
            assertArrayEquals(new int[] {0, 1, 2}, data.test().labels());

            FashionMnist.download(target, base, md5, null);
            assertEquals(4, requests.get(), "files already there with the right sum are not fetched again");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aDamagedDownloadIsRefusedAndNothingIsKept(@TempDir Path dir) throws IOException {
        Map<String, byte[]> files = smallFiles(2, 2);
        Map<String, String> md5 = md5Of(files, Files.createDirectory(dir.resolve("scratch")));
        md5.put("train-labels-idx1-ubyte.gz", "00000000000000000000000000000000");
        HttpServer server = serve(files, new AtomicInteger());
        try {
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            Path target = dir.resolve("cache");
            DatasetFormatException e = assertThrows(DatasetFormatException.class,
                    () -> FashionMnist.download(target, base, md5, null));
            assertTrue(e.getMessage().endsWith("train-labels-idx1-ubyte.gz: expected MD5 "
                    + "00000000000000000000000000000000, got " + FashionMnist.md5(dir.resolve("scratch")
                    .resolve("train-labels-idx1-ubyte.gz")) + " (a damaged or different file; nothing was kept)"),
                    e.getMessage());
            assertFalse(Files.exists(target.resolve("train-labels-idx1-ubyte.gz")));
            try (var listing = Files.list(target)) {
                assertTrue(listing.noneMatch(p -> p.toString().endsWith(".part")), "no partial file is left");
            }

            Map<String, String> missing = new LinkedHashMap<>();
            missing.put("nothing-here.gz", "x");
            IOException notFound = assertThrows(IOException.class,
                    () -> FashionMnist.download(target, base, missing, null));
            assertEquals("FashionMnist.download: expected HTTP 200 from " + base + "nothing-here.gz, got 404",
                    notFound.getMessage());
        } finally {
            server.stop(0);
        }
        IOException unreachable = assertThrows(IOException.class, () -> FashionMnist.download(dir.resolve("c2"),
                URI.create("http://127.0.0.1:9/"), FashionMnist.OFFICIAL_MD5, null));
        assertTrue(unreachable.getMessage().contains("could not reach http://127.0.0.1:9/train-images-idx3-ubyte.gz"),
                unreachable.getMessage());
        assertTrue(unreachable.getMessage().contains("set NNFS_FASHION_MNIST"), unreachable.getMessage());
    }

    @Test
    void filesThatDoNotBelongTogetherAreRefused(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("img.gz"), gzip(Idx.encode(images(4))));
        Files.write(dir.resolve("lab.gz"), gzip(Idx.encode(labels(3))));
        DatasetFormatException count = assertThrows(DatasetFormatException.class,
                () -> FashionMnist.readIdx(dir.resolve("img.gz"), dir.resolve("lab.gz")));
        assertEquals("lab.gz: expected 4 labels, one per picture of img.gz, got 3", count.getMessage());
        Files.write(dir.resolve("bad.gz"), gzip(Idx.encode(new Idx.Array(new int[] {4}, new byte[] {1, 2, 10, 3}))));
        DatasetFormatException label = assertThrows(DatasetFormatException.class,
                () -> FashionMnist.readIdx(dir.resolve("img.gz"), dir.resolve("bad.gz")));
        assertEquals("bad.gz: expected labels 0 to 9, got 10 at position 2", label.getMessage());
        DatasetFormatException empty = assertThrows(DatasetFormatException.class, () -> FashionMnist.load(dir));
        assertTrue(empty.getMessage().startsWith("FashionMnist.load: expected the four Fashion-MNIST files"),
                empty.getMessage());
        DatasetFormatException missing = assertThrows(DatasetFormatException.class,
                () -> FashionMnist.load(dir.resolve("nowhere")));
        assertEquals("FashionMnist.load: expected a directory, got " + dir.resolve("nowhere")
                + " (it does not exist)", missing.getMessage());
    }

    @Test
    void readsTheBooksPngLayout(@TempDir Path dir) throws IOException {
        for (String split : List.of("train", "test")) {
            for (int label : new int[] {1, 0, 10 - 1}) {
                Path folder = Files.createDirectories(dir.resolve("fashion_mnist_images").resolve(split)
                        .resolve(String.valueOf(label)));
                for (int n = 1; n >= 0; n--) {
                    BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
                    image.getRaster().setSample(0, 0, 0, label * 10 + n);
                    ImageIO.write(image, "png", folder.resolve(String.format("%04d.png", n)).toFile());
                }
            }
        }
        FashionMnist.Data data = FashionMnist.load(dir);
        // Labels in numeric order, files in name order within each.
        assertArrayEquals(new int[] {0, 0, 1, 1, 9, 9}, data.train().labels());
        assertEquals(10, data.train().images().pixel(2, 0, 0));
        assertEquals(91, data.train().images().pixel(5, 0, 0));
        Path odd = Files.createDirectories(dir.resolve("fashion_mnist_images").resolve("test").resolve("shoes"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.load(dir));
        assertEquals(odd + ": expected a label folder named 0 to 9, got 'shoes'", e.getMessage());
    }

    @Test
    void preprocessingScalesToMinusOneToOne() {
        byte[] pixels = {0, (byte) 255, (byte) 128, 64};
        FashionMnist.Split split = new FashionMnist.Split(new FashionMnist.Images(1, 2, 2, pixels), new int[] {3});
        Dataset data = FashionMnist.toDataset(split);
        assertArrayEquals(new double[] {-1, 1, 0.5 / 127.5, (64 - 127.5) / 127.5}, data.X().data, 1e-15);
        assertArrayEquals(new int[] {3}, data.labels());
    }

    @Test
    void aPhotoOfDarkClothingOnWhiteIsInverted(@TempDir Path dir) throws IOException {
        BufferedImage photo = new BufferedImage(280, 280, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 280, 280);
        g.setColor(Color.BLACK);
        g.fillRect(100, 100, 80, 80);
        g.dispose();
        Path file = dir.resolve("shirt.png");
        ImageIO.write(photo, "png", file.toFile());
        DMatrixRMaj x = FashionMnist.prepareImage(file);
        assertEquals(784, x.numCols);
        assertEquals(-1.0, x.get(0, 0), 1e-9);              // white background becomes 0 → −1
        assertEquals(1.0, x.get(0, 14 * 28 + 14), 1e-9);     // black garment becomes 255 → 1
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a picture");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> FashionMnist.prepareImage(text));
        assertTrue(e.getMessage().startsWith(text + ": expected a picture"), e.getMessage());
    }

    @Test
    void aWronglyNamedDirectoryIsAnError(@TempDir Path dir) {
        System.setProperty("nnfs.fashionMnist", dir.toString());
        try {
            DatasetFormatException e = assertThrows(DatasetFormatException.class, FashionMnist::locate);
            assertTrue(e.getMessage().startsWith("NNFS_FASHION_MNIST names " + dir + ", which holds neither"),
                    e.getMessage());
        } finally {
            System.clearProperty("nnfs.fashionMnist");
        }
    }

    @Test
    void theRealDataAsTheBookShufflesIt() throws IOException {
        // The test command installs Debian's dataset-fashion-mnist; load() finds it there.
        Path found = FashionMnist.locate();
        assertTrue(found != null, "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
        FashionMnist.Data data = FashionMnist.load(found);
        assertEquals(60_000, data.train().size());
        assertEquals(10_000, data.test().size());
        assertEquals(9, data.train().labels()[0]);   // the first training picture is an ankle boot
        Dataset train = Datasets.shuffle(FashionMnist.toDataset(data.train()), new NumpyRandom(0));
        // NumPy: np.random.seed(0); keys = np.array(range(60000)); np.random.shuffle(keys); y[keys][:10]
        assertArrayEquals(new int[] {0, 2, 6, 5, 2, 2, 2, 9, 5, 5}, java.util.Arrays.copyOf(train.labels(), 10));
    }
}
