/**
 * Retrieval over the owner's data, plain Java with no container code: sentence embeddings of
 * all-MiniLM-L6-v2 on ONNX Runtime ({@link ai.fromscratch.retrieval.SentenceEmbedder}, with the
 * pure-Java {@link ai.fromscratch.retrieval.WordPieceTokenizer}), a Lucene index of passages
 * searched by vector and BM25 and fused by reciprocal rank ({@link
 * ai.fromscratch.retrieval.PassageIndex}), chunking of long texts ({@link
 * ai.fromscratch.retrieval.Chunker}), and the folders that let a rebuilt index be swapped in
 * ({@link ai.fromscratch.retrieval.IndexDirectories}).
 *
 * <p>The model files come from the langchain4j model artifacts, unpacked by the build into {@code
 * ai/fromscratch/retrieval/models/} on the classpath; nothing is downloaded at run time. Tests
 * check the tokenizer token for token against Hugging Face's (DJL) and the vectors against
 * langchain4j's models. Figures: {@code java -cp <test classpath>
 * ai.fromscratch.retrieval.RetrievalBenchmark <brown dir> <report.md>}.
 */
package ai.fromscratch.retrieval;
