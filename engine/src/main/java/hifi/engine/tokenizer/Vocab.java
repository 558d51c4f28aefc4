package hifi.engine.tokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The token vocabulary: a bijection between token strings and ids {@code 0 … size()-1}. Immutable and thread-safe.
 */
public final class Vocab {
    private final String[] tokens;
    private final Map<String, Integer> ids;

    private Vocab(String[] tokens, Map<String, Integer> ids) {
        this.tokens = tokens;
        this.ids = ids;
    }

    /**
     * Reads a BERT {@code vocab.txt}: one token per line, the id is the line number (from 0). Line ends ({@code \n}
     * or {@code \r\n}) are not part of the token. If a token occurs twice its later line wins, as in HF.
     */
    public static Vocab readVocabTxt(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vocabulary " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty()) throw new IllegalArgumentException("vocabulary " + file + " is empty");
        return fromList(lines);
    }

    /** A vocabulary whose ids are the list positions. */
    public static Vocab fromList(List<String> tokens) {
        Map<String, Integer> ids = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < tokens.size(); i++) ids.put(tokens.get(i), i);
        return new Vocab(tokens.toArray(String[]::new), ids);
    }

    /**
     * A vocabulary from a token → id map (as in {@code tokenizer.json}). Ids must be distinct and cover
     * {@code 0 … n-1}.
     */
    public static Vocab fromMap(Map<String, Integer> tokenIds) {
        String[] tokens = new String[tokenIds.size()];
        for (Map.Entry<String, Integer> e : tokenIds.entrySet()) {
            int id = e.getValue();
            if (id < 0 || id >= tokens.length) {
                throw new IllegalArgumentException("token \"" + e.getKey() + "\" has id " + id
                        + ", outside 0.." + (tokens.length - 1) + " for a vocabulary of " + tokens.length);
            }
            if (tokens[id] != null) {
                throw new IllegalArgumentException("tokens \"" + tokens[id] + "\" and \"" + e.getKey()
                        + "\" share id " + id);
            }
            tokens[id] = e.getKey();
        }
        return new Vocab(tokens, new HashMap<>(tokenIds));
    }

    /** Number of tokens. */
    public int size() {
        return tokens.length;
    }

    /** The id of {@code token}, or -1 if it is not in the vocabulary. */
    public int id(String token) {
        Integer id = ids.get(token);
        return id == null ? -1 : id;
    }

    /** Whether {@code token} is in the vocabulary. */
    public boolean contains(String token) {
        return ids.containsKey(token);
    }

    /** The token with this id. */
    public String token(int id) {
        if (id < 0 || id >= tokens.length) {
            throw new IndexOutOfBoundsException("token id " + id + " outside 0.." + (tokens.length - 1));
        }
        return tokens[id];
    }

    /** The id of a token the tokenizer cannot work without, with an error naming its role if it is missing. */
    int requireId(String token, String role) {
        int id = id(token);
        if (id < 0) throw new IllegalArgumentException(role + " token \"" + token + "\" is not in the vocabulary");
        return id;
    }
}
