package ai.fromscratch.platform;

/**
 * Whether a model is loaded to answer with: what the status reports need of the engine, offered
 * here so that the platform does not depend on it.
 */
public interface ModelPresence {
  boolean hasModel();
}
