package ai.fromscratch.platform;

/**
 * A CDI event, fired asynchronously: a training job completed (for an n-gram job, its model now
 * answers). Higher capabilities observe it: backups and releases.
 */
public record TrainingCompleted(long jobId) {}
