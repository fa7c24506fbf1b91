package ai.fromscratch.web;

import ai.fromscratch.chat.ChatService;
import ai.fromscratch.engine.Engine;
import ai.fromscratch.platform.AdminCredential;
import ai.fromscratch.platform.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Backs the chat page. */
@Named
@RequestScoped
public class ChatPage {
  @Inject Engine engine;
  @Inject ChatService chat;
  @Inject Caller caller;
  @Inject AdminCredential credential;

  /** Whether the caller may open the Data page: a source then links to its record there. */
  public boolean isDataPageOpen() {
    return credential.opensAdminPages(caller);
  }

  public boolean isModelLoaded() {
    return engine.hasModel();
  }

  /** Whether conversations are kept (CHAT_HISTORY=on), so the page lists them. */
  public boolean isHistoryKept() {
    return chat.historyKept();
  }

  /** The answering model's id, or an empty string before the first training. */
  public String getModelId() {
    return engine.activeModel().map(model -> model.id()).orElse("");
  }
}
