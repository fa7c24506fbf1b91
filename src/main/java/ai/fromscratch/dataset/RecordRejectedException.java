package ai.fromscratch.dataset;

/** A record that cannot be used, with the reason a user can act on. */
public class RecordRejectedException extends Exception {
  public RecordRejectedException(String reason) {
    super(reason, null, false, false);
  }
}
