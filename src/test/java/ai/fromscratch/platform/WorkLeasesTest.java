package ai.fromscratch.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fromscratch.testing.JpaDatabase;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances claiming work through one real database (Derby, as EclipseLink makes the tables):
 * who runs what, when another may take over, and the scheduled work only one of them does.
 */
class WorkLeasesTest {
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static JpaDatabase db;

  @BeforeAll
  static void database() {
    db = JpaDatabase.inMemory("work-leases");
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void anotherInstanceSeesTheLeaseLapseOnlyOnceItRanOut() {
    WorkLeases a = leases("instance-a");
    a.take("training", 1);
    Instant justAfter = Instant.now().plus(LEASE).plusSeconds(1);

    assertEquals(List.of(), works(store().lapsed("instance-b", Instant.now())), "still running");
    assertEquals(List.of("training 1"), works(store().lapsed("instance-b", justAfter)));
    assertEquals(List.of(), works(store().lapsed("instance-a", justAfter)), "never its own");

    store().renew("instance-a", justAfter.plus(LEASE));
    assertEquals(List.of(), works(store().lapsed("instance-b", justAfter)), "renewed");
  }

  @Test
  void endedWorkIsNeitherRenewedNorLapsedAndRemembersWhoRanIt() {
    WorkLeases a = leases("instance-a");
    WorkLeases b = leases("instance-b");
    assertTrue(b.ranHereOrNowhere("synthesis", 2), "work from before leases");
    a.take("synthesis", 2);
    a.end("synthesis", 2);
    store().renew("instance-a", Instant.now().plus(LEASE));

    assertEquals(
        List.of(), works(store().lapsed("instance-b", Instant.now().plus(Duration.ofDays(1)))));
    assertTrue(a.ranHereOrNowhere("synthesis", 2));
    assertFalse(b.ranHereOrNowhere("synthesis", 2));
  }

  @Test
  void theFormerHolderEndingItsWorkLateDoesNotEndATakeover() {
    WorkLeases a = leases("instance-a");
    WorkLeases b = leases("instance-b");
    a.take("import", 3);
    b.take("import", 3);

    a.end("import", 3);

    assertTrue(b.ranHereOrNowhere("import", 3));
    assertEquals(
        List.of("import 3"),
        works(store().lapsed("instance-a", Instant.now().plus(LEASE).plusSeconds(1))),
        "B's lease still runs, and lapses only if B stops renewing it");
  }

  @Test
  void scheduledWorkIsClaimedByOneInstanceOnly() {
    WorkClaims a = claims("instance-a");
    WorkClaims b = claims("instance-b");
    String slot = "scheduled backup of 2026-12-06T02:25:00Z";

    assertTrue(a.claim(slot));
    assertFalse(b.claim(slot), "the second instance");
    assertTrue(a.claim(slot), "the holder asking again");
    assertEquals("instance-a", b.holder(slot));
    assertEquals("nobody", b.holder("scheduled backup of 2026-12-06T02:26:00Z"));
  }

  private static List<String> works(List<WorkLease> leases) {
    return leases.stream().map(WorkLease::getWork).toList();
  }

  private static WorkLeases leases(String instance) {
    WorkLeases leases = new WorkLeases();
    leases.store = store();
    leases.settings = settings(instance);
    leases.instance = name(leases.settings);
    return leases;
  }

  private static WorkClaims claims(String instance) {
    WorkClaims claims = new WorkClaims();
    claims.store = claimStore();
    claims.instance = name(settings(instance));
    return claims;
  }

  private static Settings settings(String instance) {
    Map<String, String> values =
        Map.of("INSTANCE_NAME", instance, "JOB_LEASE_SECONDS", String.valueOf(LEASE.toSeconds()));
    return Settings.from(name -> Optional.ofNullable(values.get(name)));
  }

  private static InstanceName name(Settings settings) {
    InstanceName name = new InstanceName();
    name.settings = settings;
    return name;
  }

  /** The store as the container gives it: each call its own transaction. */
  private static WorkLeaseStore store() {
    return new WorkLeaseStore() {
      @Override
      public void hold(String work, String holder, Instant until) {
        inTransaction(
            store -> {
              store.hold(work, holder, until);
              return null;
            });
      }

      @Override
      public Optional<WorkLease> find(String work) {
        return inTransaction(store -> store.find(work));
      }

      @Override
      public int renew(String holder, Instant until) {
        return inTransaction(store -> store.renew(holder, until));
      }

      @Override
      public List<WorkLease> lapsed(String holder, Instant now) {
        return inTransaction(store -> store.lapsed(holder, now));
      }

      @Override
      public void end(String work, String holder) {
        inTransaction(
            store -> {
              store.end(work, holder);
              return null;
            });
      }
    };
  }

  private static <T> T inTransaction(Function<WorkLeaseStore, T> work) {
    return db.inTransaction(em -> work.apply(bound(em)));
  }

  private static WorkLeaseStore bound(EntityManager em) {
    WorkLeaseStore store = new WorkLeaseStore();
    store.em = em;
    return store;
  }

  private static WorkClaimStore claimStore() {
    return new WorkClaimStore() {
      @Override
      public void insert(String name, String holder) {
        db.inTransaction(
            em -> {
              claimStoreOn(em).insert(name, holder);
              return null;
            });
      }

      @Override
      public Optional<WorkClaim> find(String name) {
        return db.inTransaction(em -> claimStoreOn(em).find(name));
      }

      @Override
      public int deleteBefore(Instant before) {
        return db.inTransaction(em -> claimStoreOn(em).deleteBefore(before));
      }
    };
  }

  private static WorkClaimStore claimStoreOn(EntityManager em) {
    WorkClaimStore store = new WorkClaimStore();
    store.em = em;
    return store;
  }
}
