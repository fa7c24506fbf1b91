package ai.fromscratch.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an entity: each of its rows belongs to a row of {@code table}, named in {@code column}. A
 * backup taken while rows are written keeps no row whose parent it did not see.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ParentRow {
  String column();

  String table();
}
