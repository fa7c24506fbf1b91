package ai.fromscratch.lm;

/** Modified Kneser-Ney discounts cannot be computed from this data (too small or artificial). */
public final class DiscountException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public DiscountException(String message) {
    super(message);
  }
}
