package org.affect4j.core.checkpoint;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;


/**
 * A pickle reader that is safe by construction, in the spirit of {@code torch.load(weights_only=True)}.
 *
 * <p>It interprets the pickle opcodes of protocols 0–5 that data pickles use, builds plain Java values
 * (Long/BigInteger, Double, Boolean, String, byte[], {@link PyTuple}, List, Map, {@code null} for None), and
 * resolves GLOBAL/STACK_GLOBAL only against a fixed allowlist of data constructors (ordered dicts, torch tensor
 * and storage rebuilders, numpy array/dtype/scalar reconstruction, plain-data scikit-learn estimators). Any other
 * global fails with {@link DisallowedGlobalException} naming it. No Java or Python code is ever looked up by
 * name or executed.
 *
 * <p>Every length is checked against the bytes that remain, memo indices live in a hash map (a hostile index
 * cannot allocate), and each opcode consumes at least one byte, so truncated or hostile input fails fast.
 * Instances are single-use and not thread-safe.
 */
public final class SafeUnpickler {

    /** Resolves a persistent id (BINPERSID), e.g. a torch storage reference. */
    @FunctionalInterface
    public interface PersistentLoader {
        Object load(Object pid, long offset);
    }

    /** Allowed "callable" globals: REDUCE on them builds a data value from the argument tuple. */
    private static final Set<String> CALLABLES = Set.of(
            "collections.OrderedDict",
            "torch._utils._rebuild_tensor", "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_parameter",
            "torch.Size",
            "numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct",
            "numpy.core.numeric._frombuffer", "numpy._core.numeric._frombuffer",
            "numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar",
            "numpy.dtype",
            "_codecs.encode",
            "copyreg._reconstructor", "copy_reg._reconstructor",
            "builtins.set", "builtins.frozenset", "__builtin__.set", "__builtin__.frozenset");

    /** Allowed classes whose instances are plain data (NEWOBJ / copyreg reconstruct, then BUILD with a dict). */
    private static final Set<String> DATA_CLASSES = Set.of(
            "sklearn.preprocessing._data.StandardScaler", "sklearn.preprocessing.data.StandardScaler",
            "numpy.ndarray", "builtins.object", "__builtin__.object");

    private static final int MAX_DEPTH_MARKS = 1_000_000;

    private final ByteBuffer in;
    private final int end;
    private final PersistentLoader persistentLoader;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();

    /**
     * @param data             the bytes holding the pickle
     * @param start            offset of its first opcode
     * @param end              exclusive bound: reading past it is an error
     * @param persistentLoader resolver for BINPERSID, or null to refuse persistent ids
     */
    public SafeUnpickler(byte[] data, int start, int end, PersistentLoader persistentLoader) {
        if (start < 0 || end > data.length || start > end) {
            throw new IllegalArgumentException("bad pickle bounds " + start + ".." + end + " of " + data.length);
        }
        this.in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        this.in.position(start);
        this.end = end;
        this.persistentLoader = persistentLoader;
    }

    /** Convenience: a whole byte array holding one pickle. */
    public static Object loads(byte[] data) {
        return new SafeUnpickler(data, 0, data.length, null).load();
    }

    /** Position after the STOP opcode once {@link #load()} returned. */
    public int position() {
        return in.position();
    }

    /** Reads one pickle up to and including its STOP opcode and returns the top object. */
    public Object load() {
        while (true) {
            long at = in.position();
            int op = u8();
            switch (op) {
                case 0x80 -> { // PROTO
                    int proto = u8();
                    if (proto > 5) {
                        throw new PickleException(at, "unsupported pickle protocol " + proto);
                    }
                }
                case 0x95 -> { // FRAME: a length hint for buffering; the frame's opcodes follow inline
                    long frame = in8();
                    if (frame < 0 || frame > end - in.position()) {
                        throw new PickleException(at, "FRAME of " + frame + " bytes runs past the end of the pickle");
                    }
                }
                case '.' -> { // STOP
                    if (stack.size() != 1 || !marks.isEmpty()) {
                        throw new PickleException(at, "STOP with " + stack.size() + " objects on the stack (expected 1)");
                    }
                    return stack.remove(0);
                }
                case '(' -> {
                    if (marks.size() >= MAX_DEPTH_MARKS) {
                        throw new PickleException(at, "too many nested MARKs");
                    }
                    marks.add(stack.size());
                }
                case '0' -> pop(at); // POP
                case '1' -> popMark(at); // POP_MARK
                case '2' -> push(peek(at)); // DUP
                case 'N' -> push(null);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'J' -> push((long) in.getInt(need(4, at)));
                case 'K' -> push((long) u8());
                case 'M' -> push((long) (in.getShort(need(2, at)) & 0xffff));
                case 0x8a -> push(readLong(u8(), at)); // LONG1
                case 0x8b -> push(readLong(checkedLen(in.getInt(need(4, at)) & 0xffffffffL, at), at)); // LONG4
                case 'I' -> push(parseIntLine(at)); // INT (text)
                case 'L' -> push(parseLongLine(at)); // LONG (text)
                case 'G' -> push(Double.longBitsToDouble(Long.reverseBytes(in.getLong(need(8, at))))); // BINFLOAT, big-endian
                case 'F' -> push(parseFloatLine(at));
                case 'X' -> push(utf8(checkedLen(in.getInt(need(4, at)) & 0xffffffffL, at), at)); // BINUNICODE
                case 0x8c -> push(utf8(u8(), at)); // SHORT_BINUNICODE
                case 0x8d -> push(utf8(checkedLen(in8(), at), at)); // BINUNICODE8
                case 'T' -> push(latin1(checkedLen(in.getInt(need(4, at)) & 0xffffffffL, at))); // BINSTRING (py2 str)
                case 'U' -> push(latin1(u8())); // SHORT_BINSTRING
                case 'B' -> push(bytes(checkedLen(in.getInt(need(4, at)) & 0xffffffffL, at))); // BINBYTES
                case 'C' -> push(bytes(u8())); // SHORT_BINBYTES
                case 0x8e -> push(bytes(checkedLen(in8(), at))); // BINBYTES8
                case 0x96 -> push(bytes(checkedLen(in8(), at))); // BYTEARRAY8
                case ']' -> push(new ArrayList<>());
                case '}' -> push(new LinkedHashMap<>());
                case ')' -> push(new PyTuple(List.of()));
                case 0x8f -> push(new ArrayList<>()); // EMPTY_SET (as a list of members)
                case 'l' -> push(new ArrayList<>(popMark(at))); // LIST
                case 't' -> push(new PyTuple(popMark(at))); // TUPLE
                case 0x85 -> push(new PyTuple(List.of(pop(at))));
                case 0x86 -> {
                    Object b = pop(at);
                    Object a = pop(at);
                    push(new PyTuple(java.util.Arrays.asList(a, b)));
                }
                case 0x87 -> {
                    Object c = pop(at);
                    Object b = pop(at);
                    Object a = pop(at);
                    push(new PyTuple(java.util.Arrays.asList(a, b, c)));
                }
                case 'd' -> { // DICT
                    List<Object> items = popMark(at);
                    push(putPairs(new LinkedHashMap<>(), items, at));
                }
                case 'a' -> { // APPEND
                    Object v = pop(at);
                    asList(peek(at), at).add(v);
                }
                case 'e' -> { // APPENDS
                    List<Object> items = popMark(at);
                    asList(peek(at), at).addAll(items);
                }
                case 0x90 -> { // ADDITEMS (set)
                    List<Object> items = popMark(at);
                    asList(peek(at), at).addAll(items);
                }
                case 's' -> { // SETITEM
                    Object v = pop(at);
                    Object k = pop(at);
                    asMap(peek(at), at).put(k, v);
                }
                case 'u' -> { // SETITEMS
                    List<Object> items = popMark(at);
                    putPairs(asMap(peek(at), at), items, at);
                }
                case 'q' -> memo.put((long) u8(), peek(at)); // BINPUT
                case 'r' -> memo.put(in.getInt(need(4, at)) & 0xffffffffL, peek(at)); // LONG_BINPUT
                case 0x94 -> memo.put((long) memo.size(), peek(at)); // MEMOIZE
                case 'p' -> memo.put(parseLongLine(at).longValue(), peek(at)); // PUT (text)
                case 'h' -> push(memoGet(u8(), at)); // BINGET
                case 'j' -> push(memoGet(in.getInt(need(4, at)) & 0xffffffffL, at)); // LONG_BINGET
                case 'g' -> push(memoGet(parseLongLine(at).longValue(), at)); // GET (text)
                case 'c' -> { // GLOBAL "module\nname\n"
                    String module = line(at);
                    String name = line(at);
                    push(global(module, name, at));
                }
                case 0x93 -> { // STACK_GLOBAL
                    Object name = pop(at);
                    Object module = pop(at);
                    if (!(module instanceof String) || !(name instanceof String)) {
                        throw new PickleException(at, "STACK_GLOBAL needs two strings");
                    }
                    push(global((String) module, (String) name, at));
                }
                case 'R' -> { // REDUCE
                    Object args = pop(at);
                    Object callable = pop(at);
                    push(call(callable, asTuple(args, at), at));
                }
                case 0x81 -> { // NEWOBJ
                    Object args = pop(at);
                    Object cls = pop(at);
                    push(newObject(cls, asTuple(args, at), at));
                }
                case 0x92 -> { // NEWOBJ_EX
                    pop(at); // kwargs
                    Object args = pop(at);
                    Object cls = pop(at);
                    push(newObject(cls, asTuple(args, at), at));
                }
                case 'b' -> { // BUILD
                    Object state = pop(at);
                    build(peek(at), state, at);
                }
                case 'Q' -> { // BINPERSID
                    Object pid = pop(at);
                    if (persistentLoader == null) {
                        throw new PickleException(at, "persistent id " + pid + " in a pickle that may not reference storages");
                    }
                    push(persistentLoader.load(pid, at));
                }
                default -> throw new PickleException(at, String.format("unsupported or invalid pickle opcode 0x%02x", op));
            }
        }
    }

    // ---- globals and construction (data only) ----

    private Object global(String module, String name, long at) {
        String q = module + "." + name;
        boolean storageType = module.equals("torch") && DType.fromTorchStorage(name) != null;
        if (!storageType && !CALLABLES.contains(q) && !DATA_CLASSES.contains(q)) {
            throw new DisallowedGlobalException(at, module, name);
        }
        return new PyGlobal(module, name);
    }

    private Object call(Object callable, PyTuple args, long at) {
        if (!(callable instanceof PyGlobal g)) {
            throw new PickleException(at, "REDUCE on a non-callable " + describe(callable));
        }
        String q = g.qualifiedName();
        switch (q) {
            case "collections.OrderedDict" -> {
                Map<Object, Object> m = new LinkedHashMap<>();
                if (args.size() == 1 && args.get(0) instanceof List<?> pairs) {
                    for (Object p : pairs) {
                        PyTuple kv = asTuple(p, at);
                        if (kv.size() != 2) {
                            throw new PickleException(at, "OrderedDict item is not a pair");
                        }
                        m.put(kv.get(0), kv.get(1));
                    }
                } else if (args.size() != 0) {
                    throw new PickleException(at, "OrderedDict with unexpected arguments");
                }
                return m;
            }
            case "torch._utils._rebuild_tensor", "torch._utils._rebuild_tensor_v2" -> {
                if (args.size() < 4) {
                    throw new PickleException(at, q + " needs at least 4 arguments, got " + args.size());
                }
                if (!(args.get(0) instanceof TorchStorage storage)) {
                    throw new PickleException(at, q + ": first argument is not a storage but " + describe(args.get(0)));
                }
                return TorchTensor.of(storage, toLong(args.get(1), at), longs(args.get(2), at), longs(args.get(3), at), at);
            }
            case "torch._utils._rebuild_parameter" -> {
                if (args.size() < 1 || !(args.get(0) instanceof TorchTensor t)) {
                    throw new PickleException(at, q + " without a tensor");
                }
                return t;
            }
            case "torch.Size" -> {
                return args.size() == 1 ? asTuple(args.get(0), at) : args;
            }
            case "numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct" -> {
                return new NumpyArray();
            }
            case "numpy.core.numeric._frombuffer", "numpy._core.numeric._frombuffer" -> {
                if (args.size() != 4) {
                    throw new PickleException(at, q + " needs (buffer, dtype, shape, order), got " + args.size() + " arguments");
                }
                return NumpyArray.fromBuffer(args.get(0), args.get(1), args.get(2), args.get(3), at);
            }
            case "numpy.dtype" -> {
                if (args.size() < 1 || !(args.get(0) instanceof String code)) {
                    throw new PickleException(at, "numpy.dtype without a type code");
                }
                return new NumpyArray.Dtype(code);
            }
            case "numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar" -> {
                if (args.size() != 2 || !(args.get(0) instanceof NumpyArray.Dtype dt) || !(args.get(1) instanceof byte[] raw)) {
                    throw new PickleException(at, "numpy scalar needs (dtype, bytes)");
                }
                return NumpyArray.scalar(dt, raw, at);
            }
            case "_codecs.encode" -> {
                if (args.size() != 2 || !(args.get(0) instanceof String s) || !(args.get(1) instanceof String enc)
                        || !(enc.equalsIgnoreCase("latin1") || enc.equalsIgnoreCase("latin-1"))) {
                    throw new PickleException(at, "_codecs.encode is allowed only as encode(str, 'latin1')");
                }
                return s.getBytes(StandardCharsets.ISO_8859_1);
            }
            case "copyreg._reconstructor", "copy_reg._reconstructor" -> {
                if (args.size() < 1 || !(args.get(0) instanceof PyGlobal cls) || !DATA_CLASSES.contains(cls.qualifiedName())) {
                    throw new PickleException(at, "copyreg._reconstructor of a class outside the allowlist");
                }
                return new PyObject(cls.qualifiedName());
            }
            case "builtins.set", "builtins.frozenset", "__builtin__.set", "__builtin__.frozenset" -> {
                return args.size() == 0 ? new ArrayList<>() : new ArrayList<>(asList(args.get(0), at));
            }
            default -> throw new PickleException(at, "global " + q + " cannot be called");
        }
    }

    private Object newObject(Object cls, PyTuple args, long at) {
        if (!(cls instanceof PyGlobal g) || !DATA_CLASSES.contains(g.qualifiedName())) {
            throw new PickleException(at, "NEWOBJ of " + describe(cls) + ", which is not an allowlisted data class");
        }
        return new PyObject(g.qualifiedName());
    }

    private void build(Object target, Object state, long at) {
        if (target instanceof PyObject o) {
            if (state instanceof PyTuple t && t.size() == 2) { // (dict, slotstate)
                state = t.get(0);
            }
            if (state != null) {
                o.setState(asMap(state, at));
            }
        } else if (target instanceof NumpyArray a) {
            a.setState(asTuple(state, at), at);
        } else if (target instanceof NumpyArray.Dtype d) {
            d.setState(asTuple(state, at), at);
        } else if (target instanceof Map<?, ?> || target instanceof TorchTensor) {
            // attributes on a dict (state_dict._metadata) or tensor hooks: carried no weights, dropped
            if (state != null && !(state instanceof Map<?, ?>) && !(state instanceof PyTuple)) {
                throw new PickleException(at, "unexpected BUILD state " + describe(state));
            }
        } else {
            throw new PickleException(at, "BUILD on " + describe(target));
        }
    }

    // ---- helpers ----

    /** A short, bounded description of an unpickled value for error messages (its type, never its whole content). */
    public static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof PyGlobal g) {
            return "global " + g.qualifiedName();
        }
        return o.getClass().getSimpleName();
    }

    private static Map<Object, Object> putPairs(Map<Object, Object> map, List<Object> items, long at) {
        if (items.size() % 2 != 0) {
            throw new PickleException(at, "odd number of items for a dict");
        }
        for (int i = 0; i < items.size(); i += 2) {
            map.put(items.get(i), items.get(i + 1));
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object o, long at) {
        if (o instanceof List<?>) {
            return (List<Object>) o;
        }
        throw new PickleException(at, "expected a list, found " + describe(o));
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> asMap(Object o, long at) {
        if (o instanceof Map<?, ?>) {
            return (Map<Object, Object>) o;
        }
        throw new PickleException(at, "expected a dict, found " + describe(o));
    }

    static PyTuple asTuple(Object o, long at) {
        if (o instanceof PyTuple t) {
            return t;
        }
        if (o instanceof List<?> l) {
            return new PyTuple(new ArrayList<>(l));
        }
        throw new PickleException(at, "expected a tuple, found " + describe(o));
    }

    static long toLong(Object o, long at) {
        if (o instanceof Long l) {
            return l;
        }
        if (o instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (o instanceof BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        throw new PickleException(at, "expected an integer, found " + describe(o));
    }

    static long[] longs(Object o, long at) {
        PyTuple t = asTuple(o, at);
        long[] r = new long[t.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = toLong(t.get(i), at);
        }
        return r;
    }

    private void push(Object o) {
        stack.add(o);
    }

    private Object pop(long at) {
        int floor = marks.isEmpty() ? 0 : marks.get(marks.size() - 1);
        if (stack.size() <= floor) {
            throw new PickleException(at, "pickle stack underflow");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek(long at) {
        int floor = marks.isEmpty() ? 0 : marks.get(marks.size() - 1);
        if (stack.size() <= floor) {
            throw new PickleException(at, "pickle stack underflow");
        }
        return stack.get(stack.size() - 1);
    }

    private List<Object> popMark(long at) {
        if (marks.isEmpty()) {
            throw new PickleException(at, "no MARK on the stack");
        }
        int m = marks.remove(marks.size() - 1);
        List<Object> sub = stack.subList(m, stack.size());
        List<Object> items = new ArrayList<>(sub);
        sub.clear();
        return items;
    }

    private Object memoGet(long key, long at) {
        if (!memo.containsKey(key)) {
            throw new PickleException(at, "memo key " + key + " was never stored");
        }
        return memo.get(key);
    }

    private int u8() {
        if (in.position() >= end) {
            throw new PickleException(in.position(), "truncated pickle: unexpected end of data");
        }
        return in.get() & 0xff;
    }

    /** Ensures n bytes remain, returns the current position and advances past them. */
    private int need(int n, long at) {
        int pos = in.position();
        if (end - pos < n) {
            throw new PickleException(at, "truncated pickle: need " + n + " bytes, " + (end - pos) + " left");
        }
        in.position(pos + n);
        return pos;
    }

    private long in8() {
        return in.getLong(need(8, in.position()));
    }

    private int checkedLen(long len, long at) {
        if (len < 0 || len > end - in.position()) {
            throw new PickleException(at, "declared length " + len + " exceeds the " + (end - in.position()) + " bytes left");
        }
        return (int) len;
    }

    private byte[] bytes(int n) {
        int pos = need(checkedLen(n, in.position()), in.position());
        byte[] b = new byte[n];
        System.arraycopy(in.array(), pos, b, 0, n);
        return b;
    }

    private String utf8(int n, long at) {
        byte[] b = bytes(n);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new PickleException(at, "invalid UTF-8 in string");
        }
    }

    private String latin1(int n) {
        return new String(bytes(n), StandardCharsets.ISO_8859_1);
    }

    private Object readLong(int n, long at) {
        byte[] le = bytes(n);
        if (n == 0) {
            return 0L;
        }
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) {
            be[i] = le[n - 1 - i];
        }
        BigInteger v = new BigInteger(be);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private String line(long at) {
        int start = in.position();
        int limit = Math.min(end, start + 4096);
        for (int i = start; i < limit; i++) {
            if (in.get(i) == '\n') {
                String s = new String(in.array(), start, i - start, StandardCharsets.UTF_8);
                in.position(i + 1);
                return s;
            }
        }
        throw new PickleException(at, "unterminated text argument");
    }

    private Object parseIntLine(long at) {
        String s = line(at);
        if (s.equals("00")) {
            return Boolean.FALSE;
        }
        if (s.equals("01")) {
            return Boolean.TRUE;
        }
        return parseInteger(s, at);
    }

    private Long parseLongLine(long at) {
        String s = line(at);
        if (s.endsWith("L")) {
            s = s.substring(0, s.length() - 1);
        }
        Object v = parseInteger(s, at);
        if (v instanceof Long l) {
            return l;
        }
        throw new PickleException(at, "integer out of range: " + s);
    }

    private static Object parseInteger(String s, long at) {
        try {
            BigInteger v = new BigInteger(s.trim());
            return v.bitLength() < 64 ? (Object) v.longValue() : v;
        } catch (NumberFormatException e) {
            throw new PickleException(at, "bad integer literal '" + s + "'");
        }
    }

    private Double parseFloatLine(long at) {
        String s = line(at);
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new PickleException(at, "bad float literal '" + s + "'");
        }
    }

}
