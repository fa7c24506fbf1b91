package ai.fromscratch.backup;

/** A backup archive that cannot be restored: damaged, tampered with, or of another format. */
public class BackupRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BackupRejectedException(String reason) {
    super(reason);
  }
}
