package ai.fromscratch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.fromscratch.dataset.RecordJson;
import ai.fromscratch.platform.StoredJsonObject;
import jakarta.enterprise.context.NormalScope;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The page beans live in the HTTP session, which the instances share through the database: what
 * they hold must serialize, or the session is not written and a form posted to another instance
 * finds no page state.
 */
class PageStateTest {
  private static final List<Class<?>> PAGES =
      List.of(
          DataPage.class,
          TrainingPage.class,
          SynthesisPage.class,
          AdminPage.class,
          AnalyticsPage.class);

  @Test
  void everythingAPageBeanHoldsSerializes() {
    List<String> unserializable = new ArrayList<>();
    Set<Type> seen = new HashSet<>();
    for (Class<?> page : PAGES) {
      check(page, page.getSimpleName(), seen, unserializable);
    }
    // The preview's rows, which PrimeFaces keeps in the model as a plain list.
    check(RecordJson.class, "RecordPreview rows", seen, unserializable);
    assertEquals(List.of(), unserializable);
  }

  /** A bean of a normal scope is held as its container's client proxy, which serializes. */
  private static boolean isNormalScoped(Class<?> kind) {
    return Arrays.stream(kind.getAnnotations())
        .anyMatch(annotation -> annotation.annotationType().isAnnotationPresent(NormalScope.class));
  }

  private static void check(Type type, String path, Set<Type> seen, List<String> unserializable) {
    if (!seen.add(type)) {
      return;
    }
    if (type instanceof ParameterizedType parameterized) {
      Class<?> raw = (Class<?>) parameterized.getRawType();
      if (!Collection.class.isAssignableFrom(raw) && !Map.class.isAssignableFrom(raw)) {
        check(raw, path, seen, unserializable);
      }
      for (Type argument : parameterized.getActualTypeArguments()) {
        check(argument, path + "<>", seen, unserializable);
      }
      return;
    }
    if (!(type instanceof Class<?> kind) || kind.isPrimitive() || isNormalScoped(kind)) {
      return;
    }
    if (Optional.class.equals(kind)
        || JsonValue.class.isAssignableFrom(kind) && !StoredJsonObject.class.equals(kind)
        || (!kind.isInterface() && !Serializable.class.isAssignableFrom(kind))) {
      unserializable.add(path + ": " + kind.getName());
      return;
    }
    if (!kind.getName().startsWith("ai.fromscratch.")) {
      return;
    }
    for (Field field : kind.getDeclaredFields()) {
      int modifiers = field.getModifiers();
      if (!Modifier.isStatic(modifiers)
          && !Modifier.isTransient(modifiers)
          && !field.isAnnotationPresent(Inject.class)) {
        check(field.getGenericType(), path + "." + field.getName(), seen, unserializable);
      }
    }
  }
}
