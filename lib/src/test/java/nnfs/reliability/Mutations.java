package nnfs.reliability;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Random byte-level damage: the kinds a disk, a transfer or a careless edit does. */
public final class Mutations {

    private static final byte[] SPECIAL = {0, (byte) 0xff, 0x7f, (byte) 0x80, 1, '"', '{', '}', '[', ']', ',', ':',
            '-', '9', 'e', '\\', ' ', '\n'};

    private Mutations() {
    }

    /** One random mutation of {@code valid} (a new array); {@code description[0]} says what was done. */
    public static byte[] mutate(byte[] valid, SplittableRandom random, String[] description) {
        int n = valid.length;
        int at = random.nextInt(Math.max(1, n));
        switch (random.nextInt(7)) {
            case 0 -> {
                byte[] b = valid.clone();
                int bit = random.nextInt(8);
                b[at] ^= (byte) (1 << bit);
                description[0] = "bit " + bit + " of byte " + at + " flipped";
                return b;
            }
            case 1 -> {
                byte[] b = valid.clone();
                b[at] = (byte) random.nextInt(256);
                description[0] = "byte " + at + " set to " + (b[at] & 0xff);
                return b;
            }
            case 2 -> {
                byte[] b = valid.clone();
                b[at] = SPECIAL[random.nextInt(SPECIAL.length)];
                description[0] = "byte " + at + " set to " + (b[at] & 0xff);
                return b;
            }
            case 3 -> {
                int k = 1 + random.nextInt(8);
                byte[] b = new byte[n + k];
                System.arraycopy(valid, 0, b, 0, at);
                for (int i = 0; i < k; i++) {
                    b[at + i] = (byte) random.nextInt(256);
                }
                System.arraycopy(valid, at, b, at + k, n - at);
                description[0] = k + " bytes inserted at " + at;
                return b;
            }
            case 4 -> {
                int k = Math.min(n - at, 1 + random.nextInt(8));
                byte[] b = new byte[n - k];
                System.arraycopy(valid, 0, b, 0, at);
                System.arraycopy(valid, at + k, b, at, n - at - k);
                description[0] = k + " bytes deleted at " + at;
                return b;
            }
            case 5 -> {
                // A 4- or 8-byte field (a length, a dimension) overwritten with an extreme value, either byte order.
                byte[] b = valid.clone();
                long[] values = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE,
                        1L << 31, 1L << 32, n, n + 1, n - 1, 100_000_001L};
                long v = values[random.nextInt(values.length)];
                int width = random.nextBoolean() ? 4 : 8;
                int start = Math.min(at, Math.max(0, n - width));
                boolean little = random.nextBoolean();
                for (int i = 0; i < width && start + i < n; i++) {
                    int shift = 8 * (little ? i : width - 1 - i);
                    b[start + i] = (byte) (v >>> shift);
                }
                description[0] = width + "-byte " + (little ? "little" : "big") + "-endian field at " + start
                        + " set to " + v;
                return b;
            }
            default -> {
                // A chunk copied over another place (a duplicated or overlapping region).
                byte[] b = valid.clone();
                int from = random.nextInt(Math.max(1, n));
                int k = Math.min(Math.min(n - from, n - at), 1 + random.nextInt(32));
                System.arraycopy(valid, from, b, at, Math.max(0, k));
                description[0] = k + " bytes from " + from + " copied to " + at;
                return Arrays.equals(b, valid) ? mutate(valid, random, description) : b;
            }
        }
    }
}
