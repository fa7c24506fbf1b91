package ai.fromscratch.engine;

/**
 * The exchange before a follow-up in its conversation: its question steers the follow-up's search
 * and both precede the follow-up in the model's context. Chat looks one exchange back.
 */
public record PriorExchange(String question, String answer) {}
