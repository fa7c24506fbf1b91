/**
 * The copy model, plain Java with no dependencies: an unbounded-context n-gram model in the manner
 * of infini-gram (Liu et al., 2024), written here from the paper's idea. Text is cut into {@link
 * ai.fromscratch.copy.SurfaceToken}s that keep their case and the white space before them, a {@link
 * ai.fromscratch.copy.SuffixArray} over their keys finds every place a stretch of words occurs, and
 * a {@link ai.fromscratch.copy.CopyCorpus} proposes how the longest stretch that ends a context
 * goes on, and where it comes from. An answer copied through it is its source's text byte for byte.
 */
package ai.fromscratch.copy;
