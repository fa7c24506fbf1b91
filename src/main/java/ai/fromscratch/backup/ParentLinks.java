package ai.fromscratch.backup;

import ai.fromscratch.platform.ParentRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import jakarta.persistence.Table;
import java.util.List;
import java.util.Locale;

/**
 * The links between tables that a backup must keep, as the entities declare them ({@link
 * ParentRow}): read from the persistence unit, so that a capability adding a child table says so
 * where it defines the table, and backup names none of them.
 */
@ApplicationScoped
public class ParentLinks {
  @PersistenceUnit(unitName = "fromscratch")
  EntityManagerFactory factory;

  List<ParentLink> all() {
    return factory.getMetamodel().getEntities().stream()
        .map(entity -> entity.getJavaType())
        .filter(type -> type.isAnnotationPresent(ParentRow.class))
        .map(ParentLinks::link)
        .toList();
  }

  private static ParentLink link(Class<?> entity) {
    ParentRow parent = entity.getAnnotation(ParentRow.class);
    Table table = entity.getAnnotation(Table.class);
    String name = table != null && !table.name().isEmpty() ? table.name() : entity.getSimpleName();
    return new ParentLink(
        name.toUpperCase(Locale.ROOT),
        parent.column().toUpperCase(Locale.ROOT),
        parent.table().toUpperCase(Locale.ROOT));
  }
}
