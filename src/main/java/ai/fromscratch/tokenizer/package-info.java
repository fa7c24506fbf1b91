/**
 * The trained byte-pair-encoding tokenizer as the app serves it: kept in the data directory, loaded
 * once, and offered at {@code /api/tokenizer}. The algorithm itself is plain Java in {@code bpe}.
 */
package ai.fromscratch.tokenizer;
