package org.affect4j.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Minimal reader of numpy .npy files (v1/v2, little-endian, C order) for reference fixtures in tests. */
public record Npy(long[] shape, String dtype, ByteBuffer data) {

    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([<|=]?)([a-z]\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    public static Npy read(Path file) {
        try {
            byte[] b = Files.readAllBytes(file);
            ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            if (b.length < 10 || b[0] != (byte) 0x93 || b[1] != 'N') {
                throw new IllegalArgumentException(file + ": not an npy file");
            }
            int major = b[6];
            int headerLen = major == 1 ? (bb.getShort(8) & 0xffff) : bb.getInt(8);
            int start = major == 1 ? 10 : 12;
            String header = new String(b, start, headerLen, StandardCharsets.ISO_8859_1);
            Matcher d = DESCR.matcher(header);
            Matcher f = FORTRAN.matcher(header);
            Matcher s = SHAPE.matcher(header);
            if (!d.find() || !f.find() || !s.find()) {
                throw new IllegalArgumentException(file + ": cannot parse npy header " + header);
            }
            if (f.group(1).equals("True")) {
                throw new IllegalArgumentException(file + ": Fortran order unsupported");
            }
            String[] dims = s.group(1).split(",");
            long[] shape = java.util.Arrays.stream(dims).map(String::trim).filter(x -> !x.isEmpty()).mapToLong(Long::parseLong).toArray();
            ByteBuffer data = ByteBuffer.wrap(b, start + headerLen, b.length - start - headerLen).slice().order(ByteOrder.LITTLE_ENDIAN);
            return new Npy(shape, d.group(2), data);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    public long size() {
        long n = 1;
        for (long v : shape) {
            n *= v;
        }
        return n;
    }

    public double[] toDoubles() {
        int n = (int) size();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = switch (dtype) {
                case "f4" -> data.getFloat(i * 4);
                case "f8" -> data.getDouble(i * 8);
                case "u1" -> data.get(i) & 0xff;
                case "i8" -> data.getLong(i * 8);
                case "i4" -> data.getInt(i * 4);
                default -> throw new IllegalArgumentException("dtype " + dtype);
            };
        }
        return out;
    }

    public float[] toFloats() {
        double[] d = toDoubles();
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /** Max |a-b| over all elements. */
    public static double maxAbsDiff(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("length " + a.length + " vs " + b.length);
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    public static double maxAbsDiff(float[] a, float[] b) {
        double[] x = new double[a.length];
        double[] y = new double[b.length];
        for (int i = 0; i < a.length; i++) {
            x[i] = a[i];
        }
        for (int i = 0; i < b.length; i++) {
            y[i] = b[i];
        }
        return maxAbsDiff(x, y);
    }
}
