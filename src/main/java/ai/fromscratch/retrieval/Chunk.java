package ai.fromscratch.retrieval;

/**
 * A piece of a longer text and where it lies in it.
 *
 * @param start the offset of the chunk's first character in the text
 * @param end the offset just after its last character
 * @param heading the title of the section it lies in, null when none
 */
public record Chunk(String text, int start, int end, String heading) {
  /** A chunk outside any section. */
  public Chunk(String text, int start, int end) {
    this(text, start, end, null);
  }
}
