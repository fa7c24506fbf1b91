package ai.fromscratch.platform;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One start of the server: Render's free instances sleep and restart often, so the history is worth
 * seeing.
 */
@Entity
@Table(name = "SERVER_START")
@NamedQuery(
    name = ServerStart.RECENT,
    query = "SELECT s FROM ServerStart s ORDER BY s.startedAt DESC, s.id DESC")
@NamedQuery(name = ServerStart.COUNT, query = "SELECT COUNT(s) FROM ServerStart s")
public class ServerStart {
  static final String RECENT = "ServerStart.recent";
  static final String COUNT = "ServerStart.count";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "STARTED_AT", nullable = false)
  private Instant startedAt;

  @Column(nullable = false, length = 40)
  private String version;

  @Column(name = "APP_ENV", nullable = false, length = 20)
  private String appEnv;

  protected ServerStart() {}

  public ServerStart(Instant startedAt, String version, String appEnv) {
    this.startedAt = startedAt;
    this.version = version;
    this.appEnv = appEnv;
  }

  public Long getId() {
    return id;
  }

  public Instant getStartedAt() {
    return startedAt;
  }

  public String getVersion() {
    return version;
  }

  public String getAppEnv() {
    return appEnv;
  }
}
