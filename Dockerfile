# Build: the same Maven build as the README (mvn package makes target/from-scratch-ai.war).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY src ./src
COPY liberty-config ./liberty-config
RUN mvn -B -DskipTests package \
 && mvn -B -q dependency:copy-dependencies -DincludeGroupIds=org.apache.derby,org.postgresql \
      -DexcludeTransitive=true -Dmdep.stripVersion=true -DoutputDirectory=target/jdbc

# Run: Open Liberty on OpenJ9, whose smaller footprint suits Render's 512 MB free instances.
FROM icr.io/appcafe/open-liberty:kernel-slim-java17-openj9-ubi-minimal
COPY --chown=1001:0 liberty-config/server.xml /config/server.xml
RUN features.sh
COPY --chown=1001:0 liberty-config/jvm.options /config/jvm.options
COPY --chown=1001:0 liberty-config/jdbc-url.sh liberty-config/start.sh /config/
COPY --chown=1001:0 --from=build /src/target/jdbc/ /opt/ol/wlp/usr/shared/resources/jdbc/
COPY --chown=1001:0 --from=build /src/target/from-scratch-ai.war /config/dropins/from-scratch-ai.war

USER root
RUN mkdir -p /data && chown 1001:0 /data
USER 1001

# Render sets PORT; the data directory is a volume (mount a disk there to keep data across deploys).
# MALLOC_ARENA_MAX as in liberty-config/server.env (two malloc arenas, not eight per core).
ENV PORT=9080 \
    DATA_DIR=/data \
    APP_ENV=production \
    MALLOC_ARENA_MAX=2 \
    OPENJ9_JAVA_OPTIONS="-Xtune:virtualized -Xshareclasses:none"
VOLUME /data
EXPOSE 9080

RUN configure.sh
# start.sh converts a DB_URL given as postgres://user:password@host/db (Render's form), and turns
# SIGTERM into a graceful `server stop`, so the app backs up to S3 before the instance goes.
ENTRYPOINT ["/config/start.sh"]
CMD ["/opt/ol/helpers/runtime/docker-server.sh", "/opt/ol/wlp/bin/server", "run", "defaultServer"]
