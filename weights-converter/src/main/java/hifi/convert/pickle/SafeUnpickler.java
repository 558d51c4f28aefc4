package hifi.convert.pickle;

import hifi.engine.io.DType;
import hifi.engine.io.ModelFormatException;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pickle reader that understands exactly what a PyTorch state dict needs and nothing more. It is a small stack
 * machine over plain Java values (String, Long, Double, Boolean, null, List, Object[] tuples, LinkedHashMap); the only
 * globals it accepts are on an allow-list ({@link #ALLOWED_GLOBALS}) and they are markers, never looked up or run:
 * {@code REDUCE} on {@code collections.OrderedDict} makes a map, on {@code torch._utils._rebuild_tensor_v2} a
 * {@link TensorRef}; a persistent id naming a {@code torch.*Storage} makes a {@link StorageRef}. Any other opcode or
 * global is refused with an error naming it, so a malicious file cannot execute anything.
 */
public final class SafeUnpickler {
    /** Storage classes by name, with the element type they hold. */
    static final Map<String, DType> STORAGE_TYPES = Map.of(
            "FloatStorage", DType.F32, "HalfStorage", DType.F16, "BFloat16Storage", DType.BF16,
            "DoubleStorage", DType.F64, "LongStorage", DType.I64, "IntStorage", DType.I32,
            "ShortStorage", DType.I16, "CharStorage", DType.I8, "ByteStorage", DType.U8, "BoolStorage", DType.BOOL);

    /** Every global a state dict may name; everything else is refused. */
    public static final List<String> ALLOWED_GLOBALS;

    static {
        List<String> g = new ArrayList<>(List.of("collections.OrderedDict", "torch._utils._rebuild_tensor_v2",
                "torch._utils._rebuild_parameter"));
        STORAGE_TYPES.keySet().stream().sorted().forEach(s -> g.add("torch." + s));
        ALLOWED_GLOBALS = List.copyOf(g);
    }

    private static final int MAX_DEPTH = 10_000;
    private static final Object MARK = new Object() {
        @Override
        public String toString() {
            return "MARK";
        }
    };

    private final Path file;
    private final byte[] b;
    private int pos;
    private final List<Object> stack = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();

    private SafeUnpickler(Path file, byte[] bytes) {
        this.file = file;
        this.b = bytes;
    }

    /** Unpickles {@code bytes}; {@code file} labels errors. Returns the top-level object. */
    public static Object load(Path file, byte[] bytes) {
        return new SafeUnpickler(file, bytes).run();
    }

    private Object run() {
        while (true) {
            int at = pos;
            int op = u8();
            switch (op) {
                case 0x80 -> { // PROTO
                    int v = u8();
                    if (v > 5) throw error(at, "unsupported pickle protocol " + v);
                }
                case 0x95 -> skipBytes(8); // FRAME: a length hint, framing is transparent
                case '.' -> { // STOP
                    if (stack.size() != 1) throw error(at, "STOP with " + stack.size() + " values on the stack");
                    Object result = stack.getFirst();
                    if (result == MARK) throw error(at, "STOP on a MARK");
                    return result;
                }
                case '(' -> push(MARK);
                case '}' -> push(new LinkedHashMap<Object, Object>());
                case ']' -> push(new ArrayList<>());
                case ')' -> push(new Object[0]);
                case 'N' -> push(null);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'J' -> push((long) s32());
                case 'K' -> push((long) u8());
                case 'M' -> push((long) (u8() | (u8() << 8)));
                case 0x8a -> push(long1(at));
                case 'G' -> push(Double.longBitsToDouble(be64()));
                case 'X' -> push(text(at, length32(at)));
                case 0x8c -> push(text(at, u8()));
                case 0x8d -> push(text(at, length64(at)));
                case 'C' -> push(bytesOf(u8()));
                case 'B' -> push(bytesOf(length32(at)));
                case 'q' -> memo.put((long) u8(), peek(at));
                case 'r' -> memo.put(u32(), peek(at));
                case 0x94 -> memo.put((long) memo.size(), peek(at));
                case 'h' -> push(memoGet(at, u8()));
                case 'j' -> push(memoGet(at, u32()));
                case 't' -> push(popMark(at).toArray());
                case 0x85 -> push(new Object[] {pop(at)});
                case 0x86 -> {
                    Object y = pop(at);
                    push(new Object[] {pop(at), y});
                }
                case 0x87 -> {
                    Object z = pop(at);
                    Object y = pop(at);
                    push(new Object[] {pop(at), y, z});
                }
                case 'a' -> {
                    Object v = pop(at);
                    list(at, peek(at)).add(v);
                }
                case 'e' -> {
                    List<Object> items = popMark(at);
                    list(at, peek(at)).addAll(items);
                }
                case 's' -> {
                    Object v = pop(at);
                    Object k = pop(at);
                    putItem(at, peek(at), k, v);
                }
                case 'u' -> {
                    List<Object> items = popMark(at);
                    if (items.size() % 2 != 0) throw error(at, "SETITEMS with an odd number of values");
                    Object target = peek(at);
                    for (int i = 0; i < items.size(); i += 2) putItem(at, target, items.get(i), items.get(i + 1));
                }
                case 'c' -> push(global(at, line(at), line(at)));
                case 0x93 -> {
                    Object name = pop(at);
                    Object module = pop(at);
                    if (!(module instanceof String m) || !(name instanceof String n)) throw error(at, "STACK_GLOBAL needs two strings");
                    push(global(at, m, n));
                }
                case 'Q' -> push(persistentLoad(at, pop(at)));
                case 'R' -> {
                    Object args = pop(at);
                    Object callable = pop(at);
                    push(reduce(at, callable, args));
                }
                case 'b' -> build(at);
                default -> throw error(at, "refusing pickle opcode 0x" + Integer.toHexString(op)
                        + (op >= 0x20 && op < 0x7f ? " ('" + (char) op + "')" : "") + ": not needed by a state dict");
            }
        }
    }

    // ------------------------------------------------------------------ the allow-listed semantics

    private PickleGlobal global(int at, String module, String name) {
        String q = module + "." + name;
        if (!ALLOWED_GLOBALS.contains(q)) {
            throw error(at, "refusing global " + q + " (a state dict only needs " + ALLOWED_GLOBALS + "); nothing is executed");
        }
        return new PickleGlobal(module, name);
    }

    private StorageRef persistentLoad(int at, Object pid) {
        if (!(pid instanceof Object[] t) || t.length != 5 || !"storage".equals(t[0])) {
            throw error(at, "persistent id must be ('storage', type, key, location, numel)");
        }
        if (!(t[1] instanceof PickleGlobal g) || !g.module().equals("torch") || !STORAGE_TYPES.containsKey(g.name())) {
            throw error(at, "persistent id names " + t[1] + ", not a torch storage class");
        }
        if (!(t[2] instanceof String key) || !(t[4] instanceof Long numel) || numel < 0) {
            throw error(at, "persistent id needs a string key and a non-negative element count");
        }
        return new StorageRef(STORAGE_TYPES.get(g.name()), key, numel);
    }

    private Object reduce(int at, Object callable, Object args) {
        if (!(callable instanceof PickleGlobal g)) throw error(at, "REDUCE on " + describe(callable) + ", not an allowed global");
        if (!(args instanceof Object[] a)) throw error(at, "REDUCE arguments must be a tuple");
        switch (g.qualifiedName()) {
            case "collections.OrderedDict" -> {
                if (a.length != 0) throw error(at, "OrderedDict() with arguments");
                return new LinkedHashMap<Object, Object>();
            }
            case "torch._utils._rebuild_tensor_v2" -> {
                if (a.length < 6 || a.length > 7) throw error(at, "_rebuild_tensor_v2 takes 6 or 7 arguments, got " + a.length);
                if (!(a[0] instanceof StorageRef s)) throw error(at, "_rebuild_tensor_v2: first argument is not a storage");
                if (!(a[1] instanceof Long offset) || offset < 0) throw error(at, "_rebuild_tensor_v2: bad storage offset");
                return new TensorRef(s, offset, longs(at, a[2], "size"), longs(at, a[3], "stride"));
            }
            case "torch._utils._rebuild_parameter" -> {
                if (a.length != 3 || !(a[0] instanceof TensorRef t)) throw error(at, "_rebuild_parameter needs (tensor, requires_grad, hooks)");
                return t;
            }
            default -> throw error(at, "REDUCE on " + g + " (only OrderedDict and tensor rebuilds can be called)");
        }
    }

    /** BUILD sets attributes; the only case in a state dict is OrderedDict's {@code _metadata}, which we drop. */
    private void build(int at) {
        Object state = pop(at);
        Object target = peek(at);
        if (!(target instanceof Map<?, ?>) || !(state instanceof Map<?, ?> || state == null || state instanceof Object[])) {
            throw error(at, "BUILD on " + describe(target) + " (only a state dict's metadata may be set)");
        }
    }

    private long[] longs(int at, Object tuple, String what) {
        if (!(tuple instanceof Object[] t)) throw error(at, "_rebuild_tensor_v2: " + what + " must be a tuple");
        long[] out = new long[t.length];
        for (int i = 0; i < t.length; i++) {
            if (!(t[i] instanceof Long v) || v < 0) throw error(at, "_rebuild_tensor_v2: " + what + " must hold non-negative integers");
            out[i] = v;
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private void putItem(int at, Object target, Object key, Object value) {
        if (!(target instanceof Map<?, ?> m)) throw error(at, "SETITEM on " + describe(target));
        if (key == MARK || value == MARK) throw error(at, "SETITEM with a MARK");
        if (key instanceof List<?> || key instanceof Map<?, ?>) throw error(at, "unhashable dict key " + describe(key));
        ((Map<Object, Object>) m).put(key, value);
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(int at, Object o) {
        if (!(o instanceof List<?> l)) throw error(at, "APPEND on " + describe(o));
        return (List<Object>) l;
    }

    // ------------------------------------------------------------------ stack and memo

    private void push(Object o) {
        if (stack.size() >= MAX_DEPTH) throw error(pos, "pickle stack deeper than " + MAX_DEPTH);
        stack.add(o);
    }

    private Object pop(int at) {
        if (stack.isEmpty()) throw error(at, "pop from an empty stack");
        Object o = stack.removeLast();
        if (o == MARK) throw error(at, "unexpected MARK");
        return o;
    }

    private Object peek(int at) {
        if (stack.isEmpty() || stack.getLast() == MARK) throw error(at, "no value on the stack");
        return stack.getLast();
    }

    private List<Object> popMark(int at) {
        int m = stack.lastIndexOf(MARK);
        if (m < 0) throw error(at, "no MARK on the stack");
        List<Object> items = new ArrayList<>(stack.subList(m + 1, stack.size()));
        stack.subList(m, stack.size()).clear();
        return items;
    }

    private Object memoGet(int at, long key) {
        if (!memo.containsKey(key)) throw error(at, "memo key " + key + " was never stored");
        return memo.get(key);
    }

    // ------------------------------------------------------------------ raw bytes

    private int u8() {
        need(1);
        return b[pos++] & 0xFF;
    }

    private int s32() {
        need(4);
        int v = (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8 | (b[pos + 2] & 0xFF) << 16 | (b[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    private long u32() {
        return s32() & 0xFFFFFFFFL;
    }

    private long be64() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) v = v << 8 | (b[pos++] & 0xFF);
        return v;
    }

    private int length32(int at) {
        long n = u32();
        if (n > b.length - pos) throw error(at, "length " + n + " runs past the end of the pickle");
        return (int) n;
    }

    private int length64(int at) {
        need(8);
        long n = 0;
        for (int i = 7; i >= 0; i--) n = n << 8 | (b[pos + i] & 0xFF);
        pos += 8;
        if (n < 0 || n > b.length - pos) throw error(at, "length " + n + " runs past the end of the pickle");
        return (int) n;
    }

    private long long1(int at) {
        int n = u8();
        if (n > 8) throw error(at, "LONG1 of " + n + " bytes is larger than a state dict needs");
        need(n);
        long v = 0;
        for (int i = n - 1; i >= 0; i--) v = v << 8 | (b[pos + i] & 0xFF);
        if (n > 0 && n < 8 && (b[pos + n - 1] & 0x80) != 0) v -= 1L << (8 * n);
        pos += n;
        return v;
    }

    private void skipBytes(int n) {
        need(n);
        pos += n;
    }

    private byte[] bytesOf(int n) {
        need(n);
        byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + n);
        pos += n;
        return out;
    }

    private String text(int at, int n) {
        need(n);
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(b, pos, n)).toString();
            pos += n;
            return s;
        } catch (CharacterCodingException e) {
            throw error(at, "string is not valid UTF-8");
        }
    }

    private String line(int at) {
        int start = pos;
        while (pos < b.length && b[pos] != '\n') pos++;
        if (pos >= b.length) throw error(at, "unterminated GLOBAL line");
        String s = new String(b, start, pos - start, StandardCharsets.US_ASCII);
        pos++;
        return s;
    }

    private void need(int n) {
        if (n < 0 || n > b.length - pos) throw error(pos, "truncated pickle: needs " + n + " more bytes at offset " + pos);
    }

    private static String describe(Object o) {
        if (o == null) return "None";
        if (o instanceof Object[]) return "a tuple";
        return o instanceof PickleGlobal g ? g.toString() : "a " + o.getClass().getSimpleName();
    }

    private ModelFormatException error(int at, String problem) {
        return new ModelFormatException(file, "pickle offset " + at + ": " + problem);
    }
}
