/**
 * BERT's WordPiece tokenizer, written from the published algorithm and checked id for id against HuggingFace
 * {@code tokenizers}.
 *
 * <h2>Pipeline</h2>
 * <ol>
 *   <li><b>Special tokens.</b> {@code [CLS] [SEP] [MASK] [PAD] [UNK]} are found verbatim in the raw text (anywhere,
 *       even glued to a word) and pass through untouched ({@link hifi.engine.tokenizer.BasicTokenizer}).</li>
 *   <li><b>Normalisation</b> of the text between them, as set by
 *       {@link hifi.engine.tokenizer.NormalizerOptions}: delete control/format characters, NUL and U+FFFD and turn
 *       whitespace into spaces; put spaces around CJK ideographs; decompose (NFD) and drop non-spacing marks;
 *       lower-case code point by code point. Character categories are Unicode 8.0's, as in HF: characters assigned
 *       later count as plain letters.</li>
 *   <li><b>Word split:</b> at whitespace (dropped) and at punctuation (ASCII symbols and Unicode P*, each kept as a
 *       one-character word).</li>
 *   <li><b>WordPiece</b> ({@link hifi.engine.tokenizer.WordPiece}): each word becomes the greedy longest-match
 *       sequence of vocabulary pieces, later pieces spelled with {@code ##}; a word that cannot be covered, or is
 *       longer than 100 code points, becomes {@code [UNK]}. Matching walks a character trie, so no substrings are
 *       built.</li>
 *   <li><b>Encoding</b> ({@link hifi.engine.tokenizer.BertTokenizer}): truncation {@code longest_first} to a maximum
 *       length, then {@code [CLS] A [SEP]} or {@code [CLS] A [SEP] B [SEP]} with type ids 0…0 1…1 and an attention
 *       mask of ones, then padding to the longest row of the batch or a fixed length
 *       ({@link hifi.engine.tokenizer.Encoding}, {@link hifi.engine.tokenizer.BatchEncoding}).</li>
 * </ol>
 *
 * <h2>Loading</h2>
 * {@code BertTokenizer.fromModelDirectory(dir)} reads {@code vocab.txt} and {@code tokenizer_config.json}
 * ({@code do_lower_case}, {@code strip_accents}, {@code tokenize_chinese_chars}, {@code model_max_length}) or, failing
 * that, {@code tokenizer.json}; {@code BertTokenizer.fromTokenizerJson(file)} reads a HuggingFace
 * {@code tokenizer.json}, including its truncation and padding. Settings outside BERT's (other models, left
 * truncation, other templates) are refused with an error naming the file and field.
 *
 * <pre>{@code
 * BertTokenizer tok = BertTokenizer.fromModelDirectory(dir).withTruncation(128).withPadding(Padding.LONGEST);
 * BatchEncoding batch = tok.encodePairBatch(premises, hypotheses);
 * int[][] ids = batch.ids(), types = batch.typeIds(), mask = batch.attentionMask();
 * }</pre>
 *
 * <h2>Where HF behaviour is followed rather than the original Python BERT code</h2>
 * Special tokens are matched anywhere in the raw text, not only as whole words; pairs are truncated by HF's
 * {@code longest_first} arithmetic (halve the budget when both texts are long) rather than one token at a time;
 * whitespace is Unicode's White_Space property. These are the choices of the Rust {@code tokenizers} that models'
 * {@code tokenizer.json} files are used with.
 */
package hifi.engine.tokenizer;
