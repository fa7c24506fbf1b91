/**
 * The n-gram language model, plain Java with no dependencies: interpolated modified Kneser-Ney
 * estimated as KenLM's lmplz does it, in memory ({@link ai.fromscratch.lm.KneserNeyEstimator}) or
 * within a memory budget by an external sort ({@link ai.fromscratch.lm.SpillingEstimator}), a
 * compact forward trie over columns that may be memory-mapped ({@link
 * ai.fromscratch.lm.NgramModel}), scoring as KenLM's query ({@link ai.fromscratch.lm.TextScorer}),
 * a checksummed binary file ({@link ai.fromscratch.lm.ModelFile}), ARPA import (streamed, within a
 * budget) and export, sampling ({@link ai.fromscratch.lm.TextGenerator}) and a command-line tool
 * ({@link ai.fromscratch.lm.LmCli}).
 *
 * <p>Tests check the estimator, the ARPA reader and the ARPA writer against lmplz's output on a
 * Brown sample (src/test/resources/lm/kenlm-brown-small). The benchmark against KenLM's figures on
 * the whole prepared Brown corpus is {@code java -cp target/classes:target/test-classes
 * ai.fromscratch.lm.LmBenchmark <dir with brown.train.txt.gz and brown.test.txt> <report.md>}.
 */
package ai.fromscratch.lm;
