package ai.fromscratch.testing;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.Persistence;
import java.util.Map;
import java.util.function.Function;

/**
 * The app's persistence unit, run by EclipseLink outside the server on an in-memory Derby: tests of
 * a store's queries against a real database, with transactions the test opens and commits itself,
 * so two of them can be interleaved on purpose.
 */
public final class JpaDatabase implements AutoCloseable {
  private final EntityManagerFactory factory;

  private JpaDatabase(EntityManagerFactory factory) {
    this.factory = factory;
  }

  /** A fresh in-memory database of the given name, with the app's tables. */
  public static JpaDatabase inMemory(String name) {
    System.setProperty("derby.stream.error.file", "target/derby.log");
    Map<String, Object> settings =
        Map.of(
            "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
            "jakarta.persistence.jtaDataSource", "",
            "jakarta.persistence.jdbc.driver", "org.apache.derby.jdbc.EmbeddedDriver",
            "jakarta.persistence.jdbc.url", "jdbc:derby:memory:" + name + ";create=true",
            "eclipselink.ddl-generation", "create-tables",
            "eclipselink.logging.level", "SEVERE");
    return new JpaDatabase(Persistence.createEntityManagerFactory("fromscratch", settings));
  }

  /** The persistence unit itself, for what reads its metamodel. */
  public EntityManagerFactory factory() {
    return factory;
  }

  /** Runs {@code work} in one committed transaction of its own, as a container would. */
  public <T> T inTransaction(Function<EntityManager, T> work) {
    try (Open open = begin()) {
      T result = work.apply(open.entityManager());
      open.commit();
      return result;
    }
  }

  /** Opens a transaction the caller commits (or, by closing it first, rolls back). */
  public Open begin() {
    EntityManager em = factory.createEntityManager();
    em.getTransaction().begin();
    return new Open(em);
  }

  @Override
  public void close() {
    factory.close();
  }

  /** A transaction in progress, with its entity manager. */
  public static final class Open implements AutoCloseable {
    private final EntityManager em;

    Open(EntityManager em) {
      this.em = em;
    }

    public EntityManager entityManager() {
      return em;
    }

    public void commit() {
      em.getTransaction().commit();
    }

    @Override
    public void close() {
      EntityTransaction transaction = em.getTransaction();
      if (transaction.isActive()) {
        transaction.rollback();
      }
      em.close();
    }
  }
}
