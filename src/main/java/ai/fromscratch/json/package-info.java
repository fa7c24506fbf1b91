/**
 * JSON for the plain-Java packages ({@code bpe}, {@code retrieval}'s tokenizer): a strict reader
 * and ASCII string quoting with no dependencies ({@link ai.fromscratch.json.JsonText}). The
 * application's REST and storage code uses jakarta.json instead.
 */
package ai.fromscratch.json;
