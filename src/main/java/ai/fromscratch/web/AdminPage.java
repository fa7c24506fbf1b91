package ai.fromscratch.web;

import ai.fromscratch.backup.BackupOverview;
import ai.fromscratch.backup.BackupService;
import ai.fromscratch.backup.RestoreService;
import ai.fromscratch.chat.ChatJson.ConversationSummary;
import ai.fromscratch.chat.ChatJson.RatedAnswer;
import ai.fromscratch.chat.ConversationService;
import ai.fromscratch.chat.RatingFilter;
import ai.fromscratch.engine.Engine;
import ai.fromscratch.engine.ModelFacts;
import ai.fromscratch.platform.ServerStart;
import ai.fromscratch.platform.ServerStartLog;
import ai.fromscratch.platform.Settings;
import ai.fromscratch.retrieval.RetrievalService;
import ai.fromscratch.retrieval.RetrievalService.IndexStatus;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Backs the Admin page: the ratings (filtered), the conversations, the exports, the model and the
 * index, the backups (take one, restore one), the running configuration (secrets hidden) and the
 * server's start history.
 */
@ViewModel
public class AdminPage implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int SHOWN = 200;

  @Inject ConversationService conversations;
  @Inject Engine engine;
  @Inject RetrievalService retrieval;
  // Transient: Settings comes from a @Singleton producer, which cannot passivate with the view.
  @Inject transient Settings settings;
  @Inject ServerStartLog serverStartLog;
  @Inject BackupService backupService;
  @Inject RestoreService restoreService;

  private String rating = "all";
  private LocalDate since;
  private boolean withComment;
  private List<RatedAnswer> ratings;
  private List<ConversationSummary> conversationList;
  private ModelFacts model;
  private IndexStatus index;
  private transient BackupOverview backups;

  @PostConstruct
  void load() {
    filter();
    conversationList = conversations.listEveryones(SHOWN);
    model = engine.activeModel().map(ModelFacts::of).orElse(null);
    index = retrieval.status();
  }

  /** The backups, listed on first use in a request (listing S3 is a network call). */
  public BackupOverview getBackups() {
    if (backups == null) {
      backups = backupService.overview();
    }
    return backups;
  }

  public void backUpNow() {
    PageActions.perform(() -> backupService.create("page"), "Backup taken");
    backups = null;
  }

  /** Restores a backup, then shows what it brought back. */
  public void restore(String name) {
    PageActions.perform(() -> restoreService.restore(name), "Restored " + name);
    backups = null;
    load();
  }

  /** Applies the rating filters chosen on the page. */
  public void filter() {
    ratings =
        conversations.ratings(
            RatingFilter.of(
                rating, since == null ? null : since.toString(), String.valueOf(withComment)),
            SHOWN);
  }

  public List<RatedAnswer> getRatings() {
    return ratings;
  }

  public List<ConversationSummary> getConversations() {
    return conversationList;
  }

  public ModelFacts getModel() {
    return model;
  }

  /** What the model's training recorded (datasets, perplexity, time...), for the facts table. */
  public List<Map.Entry<String, String>> getModelMetadata() {
    return model == null ? List.of() : List.copyOf(new TreeMap<>(model.metadata()).entrySet());
  }

  public IndexStatus getIndex() {
    return index;
  }

  public List<Map.Entry<String, String>> getConfiguration() {
    return List.copyOf(settings.displayable().entrySet());
  }

  public List<ServerStart> getRecentStarts() {
    return serverStartLog.recent(10);
  }

  public String getRating() {
    return rating;
  }

  public void setRating(String rating) {
    this.rating = rating;
  }

  public LocalDate getSince() {
    return since;
  }

  public void setSince(LocalDate since) {
    this.since = since;
  }

  public boolean isWithComment() {
    return withComment;
  }

  public void setWithComment(boolean withComment) {
    this.withComment = withComment;
  }
}
