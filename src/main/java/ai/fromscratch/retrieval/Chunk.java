package ai.fromscratch.retrieval;

/**
 * A piece of a longer text and where it lies in it.
 *
 * @param start the offset of the chunk's first character in the text
 * @param end the offset just after its last character
 */
public record Chunk(String text, int start, int end) {}
