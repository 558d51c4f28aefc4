package hifi.engine.tokenizer;

import java.util.Arrays;

/**
 * A character trie over token strings that answers "which is the longest token that starts here?" in one pass over
 * the text, without creating substrings. Edges live in one open-addressing hash table keyed by (node, char), which
 * keeps the trie compact (two arrays) and lookups allocation-free. Built once, then read-only and thread-safe.
 */
final class PrefixTrie {
    private static final int ROOT = 0;
    private static final long EMPTY = -1L;

    private long[] edgeKeys;     // (parent node << 16) | char, or EMPTY
    private int[] edgeChildren;  // child node for the key in the same slot
    private int edgeCount;
    private int[] tokenIds = new int[] {-1}; // per node: id of the token ending there, or -1
    private int nodeCount = 1;

    PrefixTrie() {
        edgeKeys = new long[1024];
        edgeChildren = new int[1024];
        Arrays.fill(edgeKeys, EMPTY);
    }

    /** Adds {@code token} with its id (a later id for the same token replaces the earlier one). */
    void add(String token, int id) {
        int node = ROOT;
        for (int i = 0; i < token.length(); i++) {
            int child = child(node, token.charAt(i));
            if (child < 0) child = addEdge(node, token.charAt(i));
            node = child;
        }
        tokenIds[node] = id;
    }

    /**
     * The longest token equal to {@code text[from, end)} for some {@code end <= to}: returns {@code end}, and puts the
     * token's id in {@code idOut[0]}; returns -1 if no token is a prefix of {@code text[from, to)}.
     */
    int longestMatch(CharSequence text, int from, int to, int[] idOut) {
        int node = ROOT;
        int bestEnd = -1;
        for (int i = from; i < to; i++) {
            node = child(node, text.charAt(i));
            if (node < 0) break;
            if (tokenIds[node] >= 0) {
                bestEnd = i + 1;
                idOut[0] = tokenIds[node];
            }
        }
        return bestEnd;
    }

    private int child(int node, char c) {
        long key = edgeKey(node, c);
        int mask = edgeKeys.length - 1;
        for (int slot = hash(key) & mask; ; slot = (slot + 1) & mask) {
            long k = edgeKeys[slot];
            if (k == key) return edgeChildren[slot];
            if (k == EMPTY) return -1;
        }
    }

    private int addEdge(int parent, char c) {
        if ((edgeCount + 1) * 2 > edgeKeys.length) rehash(edgeKeys.length * 2);
        int node = nodeCount++;
        if (node == tokenIds.length) {
            int old = tokenIds.length;
            tokenIds = Arrays.copyOf(tokenIds, old * 2);
            Arrays.fill(tokenIds, old, tokenIds.length, -1);
        }
        insert(edgeKey(parent, c), node);
        edgeCount++;
        return node;
    }

    private void insert(long key, int child) {
        int mask = edgeKeys.length - 1;
        int slot = hash(key) & mask;
        while (edgeKeys[slot] != EMPTY) slot = (slot + 1) & mask;
        edgeKeys[slot] = key;
        edgeChildren[slot] = child;
    }

    private void rehash(int capacity) {
        long[] oldKeys = edgeKeys;
        int[] oldChildren = edgeChildren;
        edgeKeys = new long[capacity];
        edgeChildren = new int[capacity];
        Arrays.fill(edgeKeys, EMPTY);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) insert(oldKeys[i], oldChildren[i]);
        }
    }

    private static long edgeKey(int node, char c) {
        return ((long) node << 16) | c;
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32);
    }
}
