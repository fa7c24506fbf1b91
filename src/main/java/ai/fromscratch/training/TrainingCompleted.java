package ai.fromscratch.training;

/**
 * A CDI event, fired asynchronously: a training job completed (for an n-gram job, its model now
 * answers). Higher capabilities observe it, backups among them.
 */
public record TrainingCompleted(long jobId, JobKind kind) {}
