/**
 * Models and indexes shared by several instances: the instance that made them publishes their files
 * (to S3, or to the database when no bucket is set up) and records the release in the database;
 * every instance follows the latest release.
 */
package ai.fromscratch.release;
