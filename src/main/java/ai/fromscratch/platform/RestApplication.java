package ai.fromscratch.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The JSON API, under /api; its description is served at /openapi. */
@ApplicationPath("/api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "From-Scratch AI",
            version = "1",
            description =
                "Datasets, training, generation, chat and administration of a self-hosted n-gram assistant."))
public class RestApplication extends Application {}
