# Build: the same Maven build as the README (mvn package makes target/from-scratch-ai.war), then
# the server `mvn liberty:run` makes: Open Liberty's runtime, liberty-config/ and the JDBC drivers
# that pom.xml lists (copyDependencies), under target/liberty/wlp; liberty-config/'s scripts come
# along without their mode, hence the chmod. The WAR goes in its dropins.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY src ./src
COPY liberty-config ./liberty-config
RUN mvn -B -DskipTests package liberty:create \
 && cp target/from-scratch-ai.war target/liberty/wlp/usr/servers/fromscratch/dropins/ \
 && chmod 755 target/liberty/wlp/usr/servers/fromscratch/*.sh

# Run: HotSpot 17 (Eclipse Temurin), the JVM that every figure in docs/ was measured on, so that
# the options of liberty-config/jvm.options (heap, collector, code cache) apply as tested.
FROM eclipse-temurin:17-jre
RUN useradd --uid 1001 --gid 0 --no-create-home --shell /usr/sbin/nologin liberty \
 && mkdir -p /data && chown 1001:0 /data
COPY --from=build --chown=1001:0 /src/target/liberty/wlp /opt/wlp
USER 1001

# Render sets PORT; the data directory is a volume (mount a disk there to keep data across deploys).
# MALLOC_ARENA_MAX as in liberty-config/server.env (two malloc arenas, not eight per core).
ENV PORT=9080 \
    DATA_DIR=/data \
    APP_ENV=production \
    MALLOC_ARENA_MAX=2 \
    SERVER_STOP="/opt/wlp/bin/server stop fromscratch"
VOLUME /data
EXPOSE 9080

# start.sh converts a DB_URL given as postgres://user:password@host/db (Render's form), and turns
# SIGTERM into a graceful `server stop`, so the app backs up to S3 before the instance goes.
ENTRYPOINT ["/opt/wlp/usr/servers/fromscratch/start.sh"]
CMD ["/opt/wlp/bin/server", "run", "fromscratch"]
