package org.affect4j.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeUnpicklerTest {

    /** Little pickle assembler: opcodes as in CPython's pickle.py. */
    static final class P {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        P op(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        P str(String s) { // BINUNICODE
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            op('X').int4(b.length);
            out.writeBytes(b);
            return this;
        }

        P int4(int v) {
            return op(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
        }

        P global(String module, String name) {
            op('c');
            out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /**
     * {@code pickle.dumps({'01-01-01-01-01-01-01': numpy.array([1.5, -2.0, 3.25])}, protocol=5)} with numpy 2.4: a
     * FRAME, STACK_GLOBAL {@code numpy._core.numeric._frombuffer} over a BYTEARRAY8 (the form of the RAVDESS
     * action-unit features).
     */
    static final String NUMPY_PROTOCOL_5 = "800595a6000000000000007d948c1430312d30312d30312d30312d30312d30312d3031948c136e756d70792e5f636f72652e6e756d6572"
            + "6963948c0b5f66726f6d62756666657294939428961800000000000000000000000000f83f00000000000000c00000000000000a40948c056e756d7079948c"
            + "0564747970659493948c02663894898887945294284b038c013c944e4e4e4affffffff4affffffff4b007494624b0385948c01439474945294732e";

    @Test
    void readsProtocol5NumpyArrays() {
        byte[] p = java.util.HexFormat.of().parseHex(NUMPY_PROTOCOL_5);
        Map<?, ?> m = (Map<?, ?>) SafeUnpickler.loads(p);
        NumpyArray a = (NumpyArray) m.get("01-01-01-01-01-01-01");
        assertArrayEquals(new long[] {3}, a.shape());
        assertArrayEquals(new double[] {1.5, -2.0, 3.25}, a.toDoubleArray());   // exact: the same bytes, read as doubles
    }

    @Test
    void tamperedProtocol5ArraysAreRefused() {
        byte[] good = java.util.HexFormat.of().parseHex(NUMPY_PROTOCOL_5);
        byte[] shape = good.clone();
        shape[164] = 4;   // shape (4,) over 24 bytes
        assertTrue(assertThrows(PickleException.class, () -> SafeUnpickler.loads(shape)).getMessage().contains("needs 32 bytes, has 24"));
        byte[] order = good.clone();
        order[169] = 'X';   // memory order 'X'
        assertTrue(assertThrows(PickleException.class, () -> SafeUnpickler.loads(order)).getMessage().contains("order must be 'C' or 'F'"));
        byte[] frame = good.clone();
        frame[3] = (byte) 0xff;   // FRAME claims more bytes than the pickle has
        assertTrue(assertThrows(PickleException.class, () -> SafeUnpickler.loads(frame)).getMessage().contains("runs past the end"));
        byte[] global = good.clone();
        int at = new String(good, StandardCharsets.ISO_8859_1).indexOf("_frombuffer");
        global[at + 1] = 'g';   // numpy._core.numeric._grombuffer: not on the allowlist
        assertThrows(DisallowedGlobalException.class, () -> SafeUnpickler.loads(global));
    }

    @Test
    void readsPlainData() {
        // {'a': [1, 300, 70000, -1], 'b': (1.5, True, None)} with memo use, protocol 2
        byte[] p = new P().op(0x80, 2, '}', 'q', 0, '(').str("a").op(']', 'q', 1, '(', 'K', 1, 'M', 0x2c, 0x01)
                .op('J').int4(70000).op('J').int4(-1).op('e').str("b")
                .op('G', 0x3f, 0xf8, 0, 0, 0, 0, 0, 0, 0x88, 'N', 0x87).op('u').op('h', 1, '0', '.').bytes();
        Object o = SafeUnpickler.loads(p);
        Map<?, ?> m = (Map<?, ?>) o;
        assertEquals(List.of(1L, 300L, 70000L, -1L), m.get("a"));
        PyTuple b = (PyTuple) m.get("b");
        assertEquals(1.5, b.get(0));
        assertEquals(Boolean.TRUE, b.get(1));
        assertEquals(null, b.get(2));
    }

    @Test
    void refusesOsSystemAndRunsNothing(@TempDir Path tmp) {
        Path marker = tmp.resolve("pwned");
        String cmd = "touch " + marker;
        for (String[] g : new String[][] {{"os", "system"}, {"posix", "system"}, {"subprocess", "Popen"},
                {"builtins", "eval"}, {"builtins", "exec"}, {"__builtin__", "eval"}, {"torch", "load"},
                {"numpy", "load"}, {"builtins", "getattr"}}) {
            byte[] p = new P().op(0x80, 2).global(g[0], g[1]).str(cmd).op(0x85, 'R', '.').bytes();
            DisallowedGlobalException e = assertThrows(DisallowedGlobalException.class, () -> SafeUnpickler.loads(p));
            assertEquals(g[0] + "." + g[1], e.global());
            assertTrue(e.getMessage().contains(g[0] + "." + g[1]), e.getMessage());
        }
        // protocol 4 STACK_GLOBAL form
        byte[] p4 = new P().op(0x80, 4).op(0x8c, 2).op('o', 's').op(0x8c, 6).op("system".chars().toArray())
                .op(0x93).str(cmd).op(0x85, 'R', '.').bytes();
        DisallowedGlobalException e = assertThrows(DisallowedGlobalException.class, () -> SafeUnpickler.loads(p4));
        assertEquals("os.system", e.global());
        assertFalse(Files.exists(marker), "the command must never have run");
    }

    @Test
    void allowlistedClassesBecomeInertDataObjects() {
        byte[] scaler = new P().op(0x80, 2).global("sklearn.preprocessing._data", "StandardScaler").op(')', 0x81, '}')
                .str("with_mean").op(0x88, 's', 'b', '.').bytes();
        PyObject o = (PyObject) SafeUnpickler.loads(scaler);
        assertEquals("sklearn.preprocessing._data.StandardScaler", o.className());
        assertEquals(Boolean.TRUE, o.state().get("with_mean"));
        // REDUCE (a call) on a class is refused even when the class name is allowed
        byte[] reduce = new P().op(0x80, 2).global("builtins", "object").op(')', 'R', '.').bytes();
        assertThrows(PickleException.class, () -> SafeUnpickler.loads(reduce));
    }

    @Test
    void truncatedAndMalformedInputFailsFast() {
        byte[] good = new P().op(0x80, 2).str("hello").op('.').bytes();
        for (int cut = 0; cut < good.length; cut++) {
            byte[] t = java.util.Arrays.copyOf(good, cut);
            assertThrows(PickleException.class, () -> SafeUnpickler.loads(t), "cut at " + cut);
        }
        // a string that claims 2 GB
        byte[] huge = new P().op(0x80, 2, 'X', 0xff, 0xff, 0xff, 0x7f, 'a', '.').bytes();
        PickleException e = assertThrows(PickleException.class, () -> SafeUnpickler.loads(huge));
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
        // memo get of a never-stored key; a 4-byte memo index does not allocate
        assertThrows(PickleException.class, () -> SafeUnpickler.loads(new P().op(0x80, 2, 'j', 0xff, 0xff, 0xff, 0xff, '.').bytes()));
        // stack underflow, unknown opcode, bad protocol, BINPERSID without a loader
        assertThrows(PickleException.class, () -> SafeUnpickler.loads(new P().op(0x80, 2, 'R', '.').bytes()));
        assertThrows(PickleException.class, () -> SafeUnpickler.loads(new P().op(0x80, 2, 0xfe, '.').bytes()));
        assertThrows(PickleException.class, () -> SafeUnpickler.loads(new P().op(0x80, 9, 'N', '.').bytes()));
        assertThrows(PickleException.class, () -> SafeUnpickler.loads(new P().op(0x80, 2, 'N', 'Q', '.').bytes()));
    }

    @Test
    void hostileNestingDoesNotHang() {
        // one million MARKs then a truncation: linear work, clean failure
        byte[] marks = new byte[1_000_002];
        marks[0] = (byte) 0x80;
        marks[1] = 2;
        java.util.Arrays.fill(marks, 2, marks.length, (byte) '(');
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(PickleException.class, () -> SafeUnpickler.loads(marks)));
    }

    @Test
    void codecsEncodeIsOnlyLatin1() {
        byte[] ok = new P().op(0x80, 2).global("_codecs", "encode").str("\u00ff\u0001").str("latin1").op(0x86, 'R', '.').bytes();
        assertArrayEquals(new byte[] {(byte) 0xff, 1}, (byte[]) SafeUnpickler.loads(ok));
        byte[] bad = new P().op(0x80, 2).global("_codecs", "encode").str("x").str("rot13").op(0x86, 'R', '.').bytes();
        assertThrows(PickleException.class, () -> SafeUnpickler.loads(bad));
    }
}
