package ai.fromscratch.web;

import ai.fromscratch.engine.Engine;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Backs the chat page. */
@Named
@RequestScoped
public class ChatView {
  @Inject Engine engine;

  public boolean isModelLoaded() {
    return engine.hasModel();
  }

  /** The answering model's id, or an empty string before the first training. */
  public String getModelId() {
    return engine.activeModel().map(model -> model.id()).orElse("");
  }
}
