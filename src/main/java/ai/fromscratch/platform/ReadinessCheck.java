package ai.fromscratch.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.sql.Connection;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the database answers and the data directory can be written. */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {
  @Resource(lookup = "jdbc/fromscratch")
  DataSource dataSource;

  @Inject DataDirectory dataDirectory;

  @Override
  public HealthCheckResponse call() {
    boolean database = databaseAnswers();
    boolean dataDir = Files.isWritable(dataDirectory.root());
    return HealthCheckResponse.named("from-scratch-ai")
        .status(database && dataDir)
        .withData("database", database)
        .withData("dataDirWritable", dataDir)
        .build();
  }

  private boolean databaseAnswers() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(2);
    } catch (Exception e) {
      return false;
    }
  }
}
