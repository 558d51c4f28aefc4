package hifi.engine.tokenizer;

import hifi.engine.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads tokenizer files into a {@link BertTokenizer}: HuggingFace {@code tokenizer.json}, or {@code vocab.txt} with
 * {@code tokenizer_config.json}. Only what BERT uses is accepted; anything else (another model type, left
 * truncation, a non-BERT template, …) is refused with an error naming the file and the field, rather than silently
 * tokenizing differently.
 */
final class TokenizerFiles {
    private TokenizerFiles() {}

    static BertTokenizer readModelDirectory(Path dir) {
        Path vocabTxt = dir.resolve("vocab.txt");
        if (Files.isRegularFile(vocabTxt)) {
            Path configFile = dir.resolve("tokenizer_config.json");
            JsonFields config = Files.isRegularFile(configFile)
                    ? JsonFields.of(configFile, Json.parseObject(read(configFile)))
                    : JsonFields.of(configFile, Map.of());
            return fromVocabAndConfig(Vocab.readVocabTxt(vocabTxt), config);
        }
        Path tokenizerJson = dir.resolve("tokenizer.json");
        if (Files.isRegularFile(tokenizerJson)) return readTokenizerJson(tokenizerJson);
        throw new IllegalArgumentException("model directory " + dir + " has neither vocab.txt nor tokenizer.json");
    }

    /** {@code tokenizer_config.json} keys as written by HF's BertTokenizer; absent keys take BERT's defaults. */
    private static BertTokenizer fromVocabAndConfig(Vocab vocab, JsonFields config) {
        boolean lowercase = config.bool("do_lower_case", true);
        Boolean stripAccents = config.optionalBool("strip_accents");
        NormalizerOptions options = NormalizerOptions.of(lowercase, stripAccents,
                config.bool("tokenize_chinese_chars", true), true);
        BertSpecialTokens d = BertSpecialTokens.DEFAULT;
        BertSpecialTokens specials = new BertSpecialTokens(config.tokenName("unk_token", d.unk()),
                config.tokenName("cls_token", d.cls()), config.tokenName("sep_token", d.sep()),
                config.tokenName("pad_token", d.pad()), config.tokenName("mask_token", d.mask()));
        return fromVocab(vocab, options, specials, config.lengthLimit("model_max_length"));
    }

    static BertTokenizer fromVocab(Vocab vocab, NormalizerOptions options, BertSpecialTokens specials,
                                   int modelMaxLength) {
        Map<String, Integer> specialIds = new LinkedHashMap<>();
        for (String token : specials.all()) {
            if (vocab.contains(token)) specialIds.put(token, vocab.id(token));
        }
        var ids = new BertTokenizer.SpecialIds(vocab.requireId(specials.cls(), "classification"),
                vocab.requireId(specials.sep(), "separator"), vocab.requireId(specials.pad(), "padding"));
        WordPiece wordPiece = new WordPiece(vocab, specials.unk(), "##", WordPiece.DEFAULT_MAX_INPUT_CHARS_PER_WORD);
        return new BertTokenizer(new BasicTokenizer(options, specialIds.keySet()), wordPiece, vocab, specialIds, ids,
                0, Padding.NONE, modelMaxLength);
    }

    static BertTokenizer readTokenizerJson(Path file) {
        JsonFields root = JsonFields.of(file, Json.parseObject(read(file)));

        JsonFields model = root.object("model");
        model.requireType("WordPiece");
        Vocab vocab = Vocab.fromMap(model.intMap("vocab"));
        WordPiece wordPiece = new WordPiece(vocab, model.string("unk_token", "[UNK]"),
                model.string("continuing_subword_prefix", "##"),
                model.integer("max_input_chars_per_word", WordPiece.DEFAULT_MAX_INPUT_CHARS_PER_WORD));

        NormalizerOptions options = normalizer(root.optionalObject("normalizer"));
        JsonFields preTokenizer = root.object("pre_tokenizer");
        preTokenizer.requireType("BertPreTokenizer");

        Map<String, Integer> specialIds = addedTokens(root.list("added_tokens"));
        BertTokenizer.SpecialIds ids =
                postProcessor(root.object("post_processor"), vocab, root.optionalObject("padding"));
        BertTokenizer tokenizer = new BertTokenizer(new BasicTokenizer(options, specialIds.keySet()), wordPiece, vocab,
                specialIds, ids, 0, Padding.NONE, 0);

        JsonFields truncation = root.optionalObject("truncation");
        if (truncation != null) tokenizer = tokenizer.withTruncation(truncationLength(truncation));
        JsonFields padding = root.optionalObject("padding");
        if (padding != null) tokenizer = tokenizer.withPadding(padding(padding));
        return tokenizer;
    }

    private static NormalizerOptions normalizer(JsonFields n) {
        if (n == null) return new NormalizerOptions(false, false, false, false);
        n.requireType("BertNormalizer");
        boolean lowercase = n.bool("lowercase", true);
        return NormalizerOptions.of(lowercase, n.optionalBool("strip_accents"), n.bool("handle_chinese_chars", true),
                n.bool("clean_text", true));
    }

    /** Added tokens are matched verbatim in raw text; the flags that would change that are not supported. */
    private static Map<String, Integer> addedTokens(List<JsonFields> tokens) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (JsonFields t : tokens) {
            for (String flag : List.of("single_word", "lstrip", "rstrip", "normalized")) {
                if (t.bool(flag, false)) throw t.fail(flag, "is true; only verbatim added tokens are supported");
            }
            ids.put(t.string("content"), t.requiredInteger("id"));
        }
        return ids;
    }

    /** Accepts BertProcessing, or a TemplateProcessing that spells out exactly BERT's single and pair layouts. */
    private static BertTokenizer.SpecialIds postProcessor(JsonFields p, Vocab vocab, JsonFields padding) {
        int pad = padding != null ? padding.requiredInteger("pad_id") : vocab.requireId("[PAD]", "padding");
        String type = p.string("type");
        if (type.equals("BertProcessing")) {
            return new BertTokenizer.SpecialIds(p.pairId("cls"), p.pairId("sep"), pad);
        }
        p.requireType("TemplateProcessing");
        List<String> single = p.list("single").stream().map(TokenizerFiles::templatePiece).toList();
        List<String> pair = p.list("pair").stream().map(TokenizerFiles::templatePiece).toList();
        if (single.size() != 3) throw p.fail("single", "is not the BERT layout [CLS] $A [SEP]");
        String cls = single.get(0);
        String sep = single.get(2);
        List<String> bertSingle = List.of(cls, "$A:0", sep);
        List<String> bertPair = List.of(cls, "$A:0", sep, "$B:1", sep.replace(":0", ":1"));
        if (!single.equals(bertSingle) || !pair.equals(bertPair) || !cls.endsWith(":0") || !sep.endsWith(":0")) {
            throw p.fail("single/pair", "is " + single + " / " + pair
                    + ", not the BERT layout [CLS] $A [SEP] $B:1 [SEP]:1");
        }
        JsonFields specials = p.object("special_tokens");
        return new BertTokenizer.SpecialIds(templateId(specials, cls), templateId(specials, sep), pad);
    }

    /** A template piece as a compact string: "[CLS]:0" for a special token, "$A:0" for a sequence. */
    private static String templatePiece(JsonFields piece) {
        JsonFields special = piece.optionalObject("SpecialToken");
        if (special != null) return special.string("id") + ":" + special.integer("type_id", 0);
        JsonFields sequence = piece.object("Sequence");
        return "$" + sequence.string("id") + ":" + sequence.integer("type_id", 0);
    }

    private static int templateId(JsonFields specials, String piece) {
        String name = piece.substring(0, piece.lastIndexOf(':'));
        List<Object> ids = specials.object(name).rawList("ids");
        if (ids.size() != 1) throw specials.fail(name, "maps to " + ids.size() + " ids; BERT needs exactly one");
        return ((Number) ids.get(0)).intValue();
    }

    private static int truncationLength(JsonFields t) {
        if (!t.string("strategy", "LongestFirst").equals("LongestFirst")) {
            throw t.fail("strategy", "is not LongestFirst, the only truncation strategy supported");
        }
        if (!t.string("direction", "Right").equals("Right")) throw t.fail("direction", "is not Right");
        if (t.integer("stride", 0) != 0) throw t.fail("stride", "is not 0");
        return t.requiredInteger("max_length");
    }

    private static Padding padding(JsonFields p) {
        if (!p.string("direction", "Right").equals("Right")) throw p.fail("direction", "is not Right");
        if (p.has("pad_to_multiple_of") && p.optionalInteger("pad_to_multiple_of") != null) {
            throw p.fail("pad_to_multiple_of", "is set; not supported");
        }
        if (p.integer("pad_type_id", 0) != 0) throw p.fail("pad_type_id", "is not 0");
        if (p.isString("strategy")) {
            if (!p.string("strategy").equals("BatchLongest")) throw p.fail("strategy", "is not BatchLongest or Fixed");
            return Padding.LONGEST;
        }
        return Padding.toLength(p.object("strategy").requiredInteger("Fixed"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Typed access to one JSON object, with errors that name the file and the field's path. */
    private record JsonFields(Path file, String path, Map<String, Object> map) {

        static JsonFields of(Path file, Map<String, Object> map) {
            return new JsonFields(file, "", map);
        }

        IllegalArgumentException fail(String key, String problem) {
            return new IllegalArgumentException(file + ": " + path + key + " " + problem);
        }

        boolean has(String key) {
            return map.containsKey(key);
        }

        boolean isString(String key) {
            return map.get(key) instanceof String;
        }

        private Object required(String key) {
            Object v = map.get(key);
            if (v == null) throw fail(key, "is missing");
            return v;
        }

        @SuppressWarnings("unchecked")
        JsonFields object(String key) {
            Object v = required(key);
            if (!(v instanceof Map)) throw fail(key, "is not an object");
            return new JsonFields(file, path + key + ".", (Map<String, Object>) v);
        }

        JsonFields optionalObject(String key) {
            return map.get(key) == null ? null : object(key);
        }

        @SuppressWarnings("unchecked")
        List<Object> rawList(String key) {
            Object v = required(key);
            if (!(v instanceof List)) throw fail(key, "is not an array");
            return (List<Object>) v;
        }

        @SuppressWarnings("unchecked")
        List<JsonFields> list(String key) {
            List<JsonFields> out = new ArrayList<>();
            List<Object> raw = rawList(key);
            for (int i = 0; i < raw.size(); i++) {
                if (!(raw.get(i) instanceof Map)) throw fail(key + "[" + i + "]", "is not an object");
                out.add(new JsonFields(file, path + key + "[" + i + "].", (Map<String, Object>) raw.get(i)));
            }
            return out;
        }

        String string(String key) {
            if (!(required(key) instanceof String s)) throw fail(key, "is not a string");
            return s;
        }

        String string(String key, String fallback) {
            return has(key) ? string(key) : fallback;
        }

        /** A token name given as a string or as an AddedToken object {@code {"content": …}}. */
        String tokenName(String key, String fallback) {
            Object v = map.get(key);
            if (v == null) return fallback;
            if (v instanceof String s) return s;
            return object(key).string("content");
        }

        boolean bool(String key, boolean fallback) {
            Boolean b = optionalBool(key);
            return b == null ? fallback : b;
        }

        Boolean optionalBool(String key) {
            Object v = map.get(key);
            if (v != null && !(v instanceof Boolean)) throw fail(key, "is not true/false");
            return (Boolean) v;
        }

        Integer optionalInteger(String key) {
            Object v = map.get(key);
            if (v == null) return null;
            if (!(v instanceof Long l) || l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                throw fail(key, "is not an int: " + v);
            }
            return l.intValue();
        }

        int integer(String key, int fallback) {
            Integer v = optionalInteger(key);
            return v == null ? fallback : v;
        }

        int requiredInteger(String key) {
            Integer v = optionalInteger(key);
            if (v == null) throw fail(key, "is missing");
            return v;
        }

        /** A length limit such as model_max_length: 0 when absent or beyond int (HF writes 1e30 for "none"). */
        int lengthLimit(String key) {
            Object v = map.get(key);
            if (!(v instanceof Number n)) return 0;
            double d = n.doubleValue();
            return d >= 1 && d <= Integer.MAX_VALUE ? (int) d : 0;
        }

        /** BertProcessing's {@code ["[CLS]", 101]}: the id. */
        int pairId(String key) {
            List<Object> pair = rawList(key);
            if (pair.size() != 2 || !(pair.get(1) instanceof Long id)) throw fail(key, "is not [token, id]");
            return id.intValue();
        }

        Map<String, Integer> intMap(String key) {
            JsonFields o = object(key);
            Map<String, Integer> out = new HashMap<>(o.map.size() * 2);
            for (String k : o.map.keySet()) out.put(k, o.requiredInteger(k));
            return out;
        }

        void requireType(String expected) {
            String type = string("type");
            if (!type.equals(expected)) throw fail("type", "is " + type + "; only " + expected + " is supported");
        }
    }
}
