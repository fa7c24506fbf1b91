package ai.fromscratch.lm;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of a generation as it grows, handed to a {@link TokenSink} piece by piece: tokens that
 * might begin a stop string are held back until they cannot, and the text is cut before the first
 * stop string. A token's piece is what it adds to the text: as the {@link Detokenizer} spaces it,
 * or, for a token copied from a source, its own text with the source's spacing.
 */
public final class GeneratedText {
  private final List<String> stopStrings;
  private final int longestStop;
  private final TokenSink sink;
  private final Detokenizer detokenizer = new Detokenizer();
  private final StringBuilder text = new StringBuilder();
  private final List<String> emitted = new ArrayList<>();
  private final List<String> heldTokens = new ArrayList<>();
  private final List<String> heldPieces = new ArrayList<>();
  private int heldStart;
  private boolean cancelled;

  public GeneratedText(List<String> stopStrings, TokenSink sink) {
    this.stopStrings = stopStrings;
    this.longestStop = stopStrings.stream().mapToInt(String::length).max().orElse(0);
    this.sink = sink;
  }

  /** The piece a word adds when the {@link Detokenizer} spaces it after what came before. */
  public String spaced(String token) {
    return detokenizer.spaced(token);
  }

  /**
   * Adds a token with the text it adds; returns why to stop, or null to go on. The detokenizer
   * learns of every token, so the spacing of words after a copied one is right.
   */
  public StopReason add(String token, String piece) {
    detokenizer.append(token);
    int pieceStart = text.length();
    text.append(piece);
    if (heldTokens.isEmpty()) {
      heldStart = pieceStart;
    }
    heldTokens.add(token);
    heldPieces.add(piece);
    if (stopStrings.isEmpty()) {
      release(text.length(), false);
      return cancelled ? StopReason.CANCELLED : null;
    }
    int stop = firstStop(Math.max(0, pieceStart - longestStop + 1));
    if (stop >= 0) {
      release(stop, true);
      text.setLength(stop);
      return cancelled ? StopReason.CANCELLED : StopReason.STOP_STRING;
    }
    release(text.length() - longestPossibleStopStart(), false);
    return cancelled ? StopReason.CANCELLED : null;
  }

  /** The text so far, held-back tokens included. */
  public int length() {
    return text.length();
  }

  public Generation finish(StopReason reason) {
    if (reason != StopReason.STOP_STRING && reason != StopReason.CANCELLED) {
      release(text.length(), false);
    }
    StopReason result = cancelled ? StopReason.CANCELLED : reason;
    return new Generation(emitted, text.toString(), result);
  }

  private int firstStop(int from) {
    int first = -1;
    for (String stop : stopStrings) {
      int at = text.indexOf(stop, from);
      if (at >= 0 && (first < 0 || at < first)) {
        first = at;
      }
    }
    return first;
  }

  /** Length of the longest end of the text that is the beginning of a stop string. */
  private int longestPossibleStopStart() {
    int longest = 0;
    for (String stop : stopStrings) {
      for (int length = Math.min(stop.length() - 1, text.length()); length > longest; length--) {
        if (endsWith(stop, length)) {
          longest = length;
          break;
        }
      }
    }
    return longest;
  }

  private boolean endsWith(String stop, int length) {
    int offset = text.length() - length;
    for (int i = 0; i < length; i++) {
      if (text.charAt(offset + i) != stop.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Hands out the held tokens whose text ends by {@code end}; with {@code cut}, also the one
   * reaching past {@code end}, shortened to it (the text is being cut there).
   */
  private void release(int end, boolean cut) {
    int released = 0;
    while (released < heldTokens.size() && !cancelled) {
      String piece = heldPieces.get(released);
      int pieceEnd = heldStart + piece.length();
      if (pieceEnd > end) {
        if (cut && heldStart < end) {
          emit(heldTokens.get(released++), piece.substring(0, end - heldStart));
        }
        break;
      }
      emit(heldTokens.get(released++), piece);
      heldStart = pieceEnd;
    }
    heldTokens.subList(0, released).clear();
    heldPieces.subList(0, released).clear();
  }

  private void emit(String token, String piece) {
    emitted.add(token);
    cancelled = !sink.accept(token, piece);
  }
}
