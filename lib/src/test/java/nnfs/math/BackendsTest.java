package nnfs.math;

import static nnfs.Assertions2.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import nnfs.layers.Dense;
import nnfs.random.NumpyRandom;

/** The two backends of the dense products: OpenBLAS against the Java kernels, the size rule, and the fallback. */
class BackendsTest {

    /** On the machines the project ships native code for, the fast path must load; elsewhere it may not. */
    private static final boolean SHIPPED_PLATFORM = System.getProperty("os.name").startsWith("Linux")
            && System.getProperty("os.arch").equals("amd64");

    @AfterEach
    void clearProperty() {
        System.clearProperty(Products.PROPERTY);
    }

    @ParameterizedTest(name = "batch {0}, in {1}, out {2}")
    @CsvSource({"128,784,128", "96,784,128", "128,128,128", "1,128,128", "300,256,200", "2000,128,128"})
    void openBlasGivesTheJavaKernelsNumbers(int batch, int in, int out) {
        DenseProducts fast = Products.forLayer(in, out);
        if (SHIPPED_PLATFORM) {
            assertEquals("OpenBLAS", fast.name(), Products.backend());
        }
        DenseProducts java = new JavaProducts();
        NumpyRandom random = new NumpyRandom(batch + 7L * in + out);
        DMatrixRMaj x = random.randn(batch, in);
        for (int k = 0; k < x.getNumElements(); k += 3) {
            x.data[k] = 0.0;   // as after a ReLU
        }
        DMatrixRMaj w = random.randn(in, out);
        DMatrixRMaj b = random.randn(1, out);
        DMatrixRMaj d = random.randn(batch, out);

        // Both paths sum the same products in different orders: with standard normal inputs, sums of `inner` terms
        // agree to within 1e-12 per term (the values are of size √inner, the rounding errors far smaller).
        DMatrixRMaj zFast = new DMatrixRMaj(0, 0);
        DMatrixRMaj zJava = new DMatrixRMaj(0, 0);
        fast.forward(x, w, b, zFast);
        java.forward(x, w, b, zJava);
        assertMatrixEquals(zJava, zFast, 1e-12 * in);

        DMatrixRMaj[] fastGrads = backward(fast, x, d, w, true);
        DMatrixRMaj[] javaGrads = backward(java, x, d, w, true);
        assertMatrixEquals(javaGrads[0], fastGrads[0], 1e-12 * batch);
        assertMatrixEquals(javaGrads[1], fastGrads[1], 0.0);   // db is summed in Java on both paths
        assertMatrixEquals(javaGrads[2], fastGrads[2], 1e-12 * out);
        // And against EJML, the readable reference.
        assertMatrixEquals(CommonOps_DDRM.multTransB(d, w, null), fastGrads[2], 1e-12 * out);

        // Without dinputs, dW and db come out exactly as with them, on both paths.
        for (DenseProducts products : List.of(fast, java)) {
            DMatrixRMaj[] withDx = backward(products, x, d, w, true);
            DMatrixRMaj[] withoutDx = backward(products, x, d, w, false);
            assertMatrixEquals(withDx[0], withoutDx[0], 0.0);
            assertMatrixEquals(withDx[1], withoutDx[1], 0.0);
        }
    }

    private static DMatrixRMaj[] backward(DenseProducts products, DMatrixRMaj x, DMatrixRMaj d, DMatrixRMaj w,
            boolean inputGradient) {
        DMatrixRMaj dw = new DMatrixRMaj(0, 0);
        DMatrixRMaj db = new DMatrixRMaj(0, 0);
        DMatrixRMaj dx = inputGradient ? new DMatrixRMaj(0, 0) : null;
        products.backward(x, d, w, dw, db, dx);
        return new DMatrixRMaj[] {dw, db, dx};
    }

    @Test
    void smallLayersStayOnTheJavaKernels() {
        // Every network of the course's small chapters: their numbers must be the same on every machine.
        int[][] sizes = {{2, 3}, {2, 64}, {64, 3}, {2, 512}, {512, 3}, {1, 64}, {64, 64}, {64, 1}, {128, 10},
            {784, 64}, {127, 1000}};
        for (int[] size : sizes) {
            assertEquals("Java", Products.forLayer(size[0], size[1]).name(), size[0] + "→" + size[1]);
            assertEquals("Java", new Dense(size[0], size[1], new NumpyRandom(0)).productsBackend());
        }
        if (SHIPPED_PLATFORM) {
            assertEquals("OpenBLAS", new Dense(784, 128, new NumpyRandom(0)).productsBackend());
            assertEquals("OpenBLAS", Products.forLayer(128, 128).name());
            assertTrue(Products.backend().startsWith("OpenBLAS 0.3"), Products.backend());
        }
    }

    @Test
    void thePropertySwitchesEveryLayerToJava() {
        System.setProperty(Products.PROPERTY, "java");
        assertEquals("Java", Products.forLayer(784, 128).name());
        assertEquals("Java", new Dense(784, 128, new NumpyRandom(0)).productsBackend());
        assertEquals("Java kernels (SIMD " + Simd.state() + ") for every dense layer (nnfs.products=java)",
                Products.backend());
        System.setProperty(Products.PROPERTY, "fast");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Products.forLayer(784, 128));
        assertEquals("Products: expected the system property nnfs.products to be \"auto\" or \"java\", got \"fast\"",
                e.getMessage());
    }

    /**
     * A JVM without the OpenBLAS jars on its class path (as on a machine where the native code cannot load): the
     * library says so, uses the Java kernels, and computes exactly what the Java kernels compute here.
     */
    @Test
    void withoutOpenBlasTheLibraryFallsBackToJava() throws Exception {
        List<String> classPath = new ArrayList<>();
        for (Class<?> c : List.of(Products.class, FallbackProbe.class, DMatrixRMaj.class, CommonOps_DDRM.class,
                com.sun.jna.Native.class)) {
            String entry = location(c);
            if (!classPath.contains(entry)) {
                classPath.add(entry);
            }
        }
        assertTrue(classPath.stream().noneMatch(e -> e.contains("bytedeco")), classPath::toString);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", String.join(File.pathSeparator, classPath),
                FallbackProbe.class.getName()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe JVM did not finish");
        assertEquals(0, process.exitValue(), output);
        String[] lines = output.strip().split("\\R");
        // Without the vector module as well: the plain loops, which must give the SIMD kernels' bits (used here).
        assertTrue(lines[0].startsWith("Java kernels (SIMD off (start Java with --add-modules jdk.incubator.vector to "
                + "use it)) for every dense layer (OpenBLAS could not be loaded: java.lang.NoClassDefFoundError"),
                output);
        assertTrue(Simd.ENABLED, "the tests run with the vector module (lib/pom.xml): " + Simd.state());

        System.setProperty(Products.PROPERTY, "java");
        String here = FallbackProbe.run();
        assertTrue(here.startsWith("Java: "), here);
        assertEquals(here, lines[1]);
    }

    private static String location(Class<?> c) throws URISyntaxException, IOException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toRealPath().toString();
    }
}
