package ai.fromscratch.web;

import jakarta.enterprise.inject.Stereotype;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A page bean that lives as long as its view. A stereotype, because Liberty's annotated bean
 * discovery does not see {@code @ViewScoped} from the Faces jar inside the WAR as bean-defining on
 * its own; the page's EL name then resolved to null.
 */
@Stereotype
@ViewScoped
@Named
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ViewModel {}
