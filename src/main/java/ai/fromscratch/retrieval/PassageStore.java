package ai.fromscratch.retrieval;

/**
 * Where the live sentence embedder and passage index are held (the engine singleton, beside the
 * language model), as the retrieval services see it.
 */
public interface PassageStore {
  SentenceEmbedder embedder();

  PassageIndex index();
}
