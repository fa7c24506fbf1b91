package ai.fromscratch.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/** Makes the caller that {@link CallerFilter} found injectable into resources and page beans. */
@ApplicationScoped
public class CallerProducer {
  @Inject HttpServletRequest request;

  @Produces
  Caller caller() {
    return Caller.of(request);
  }
}
