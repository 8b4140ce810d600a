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
