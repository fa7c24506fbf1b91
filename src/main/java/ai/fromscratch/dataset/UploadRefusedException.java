package ai.fromscratch.dataset;

import ai.fromscratch.platform.ApiException;

/** The whole upload is refused (nothing is stored), with the status that says why. */
public class UploadRefusedException extends ApiException {
  public UploadRefusedException(int status, String message) {
    super(status, message);
  }

  public UploadRefusedException(int status, String message, Object detail) {
    super(status, message, detail);
  }

  /** 422: the content cannot be used. */
  public static UploadRefusedException unusable(String message) {
    return new UploadRefusedException(422, message);
  }

  /** 413: a size limit was exceeded. */
  public static UploadRefusedException tooLarge(String message) {
    return new UploadRefusedException(413, message);
  }
}
