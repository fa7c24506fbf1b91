package ai.fromscratch.backup;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** S3 failures in a line a person can act on. */
final class S3Errors {
  private S3Errors() {}

  static String describe(RuntimeException e) {
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      return "S3 answered "
          + service.statusCode()
          + " "
          + service.awsErrorDetails().errorCode()
          + ": "
          + service.awsErrorDetails().errorMessage();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
