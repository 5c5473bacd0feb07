package nnfs.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import nnfs.reliability.Campaign;

/**
 * The data set loaders against damaged files: {@link Idx} (plain and gzip-compressed) and the pictures of the PNG
 * layout ({@link FashionMnist#readPicture}), with every truncation and random byte damage. Neither plain IDX nor
 * the pixel data of a PNG carries a checksum the reader checks (gzip does: its CRC-32 catches everything), so damage
 * to pixel values can load as other valid pixel values; those are counted apart, after checking that what loaded is
 * consistent (dimensions matching the values). Everything else must be refused with a {@link DatasetFormatException}
 * that names the file and says what was expected.
 */
class DatasetCampaignTest {

    static byte[] idxImages() {
        byte[] values = new byte[3 * 28 * 28];
        for (int k = 0; k < values.length; k++) {
            values[k] = (byte) ((k * 37) % 251);
        }
        return Idx.encode(new Idx.Array(new int[] {3, 28, 28}, values));
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    static boolean same(Idx.Array a, Idx.Array b) {
        return Arrays.equals(a.dimensions(), b.dimensions()) && Arrays.equals(a.values(), b.values());
    }

    static boolean consistent(Idx.Array a) {
        long count = 1;
        for (int d : a.dimensions()) {
            if (d < 1) {
                return false;
            }
            count *= d;
        }
        return count == a.values().length;
    }

    @Test
    void theIdxReaderRefusesEveryDamagedFile() throws IOException {
        byte[] plain = idxImages();
        Idx.Array original = Idx.read(new ByteArrayInputStream(plain), false, 3, "valid");
        byte[] compressed = gzip(plain);
        long total = 0;
        for (boolean gzipped : new boolean[] {false, true}) {
            byte[] valid = gzipped ? compressed : plain;
            try (Campaign<Idx.Array> campaign = new Campaign<>("Idx.read, " + (gzipped ? "gzip" : "plain"),
                    DatasetFormatException.class,
                    (bytes, name) -> Idx.read(new ByteArrayInputStream(bytes), gzipped, 3, name),
                    loaded -> same(original, loaded), DatasetCampaignTest::consistent, 16, 256 * 1024)) {
                campaign.warmUp(valid);
                campaign.truncations(valid);
                // Without a checksum, plain IDX damage to the values is a legal file with other values.
                java.util.SplittableRandom random = new java.util.SplittableRandom(gzipped ? 71 : 72);
                int count = gzipped ? 50_000 : 50_000;
                for (int i = 0; i < count; i++) {
                    String[] description = new String[1];
                    byte[] mutated = nnfs.reliability.Mutations.mutate(valid, random, description);
                    campaign.attempt(mutated, !gzipped, "mutation " + i + " (" + description[0] + ")");
                }
                System.out.println(campaign.summary());
                assertEquals(List.of(), campaign.failures(), campaign.summary());
                total += campaign.tried();
            }
        }
        assertEquals(true, total > 100_000, "tried " + total);
    }

    @Test
    void thePictureReaderRefusesEveryDamagedFile() throws IOException {
        BufferedImage picture = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                picture.getRaster().setSample(c, r, 0, (r * 28 + c) * 7 % 256);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(picture, "png", out);
        byte[] valid = out.toByteArray();
        BufferedImage original = FashionMnist.readPicture(valid, "valid");
        try (Campaign<BufferedImage> campaign = new Campaign<>("FashionMnist.readPicture (PNG)",
                DatasetFormatException.class, FashionMnist::readPicture, loaded -> samePixels(original, loaded),
                loaded -> loaded.getWidth() * (long) loaded.getHeight() <= FashionMnist.MAX_PICTURE_PIXELS, 16,
                1024 * 1024)) {
            campaign.warmUp(valid);
            campaign.truncations(valid);
            // PNG chunks carry CRCs, but the JDK's decoder does not check them: damage to the pixels is legal.
            campaign.byteMutations(valid, 0, 0, null);
            java.util.SplittableRandom random = new java.util.SplittableRandom(73);
            for (int i = 0; i < 100_000; i++) {
                String[] description = new String[1];
                byte[] mutated = nnfs.reliability.Mutations.mutate(valid, random, description);
                campaign.attempt(mutated, true, "mutation " + i + " (" + description[0] + ")");
            }
            System.out.println(campaign.summary());
            assertEquals(List.of(), campaign.failures(), campaign.summary());
        }
    }

    static boolean samePixels(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return false;
        }
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }
}
