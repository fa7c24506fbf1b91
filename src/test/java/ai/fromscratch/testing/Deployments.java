package ai.fromscratch.testing;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The archive the integration tests deploy: the very WAR the build produced, not a hand-picked
 * subset.
 */
public final class Deployments {
  private Deployments() {}

  public static WebArchive app() {
    File war = new File(System.getProperty("it.war", "target/from-scratch-ai.war"));
    if (!war.isFile()) {
      throw new IllegalStateException(war + " is missing: run the tests with mvn verify");
    }
    return ShrinkWrap.create(ZipImporter.class, "from-scratch-ai.war")
        .importFrom(war)
        .as(WebArchive.class);
  }
}
