/**
 * Byte-pair encoding, plain Java with no dependencies: a trainer that learns merges from streamed
 * texts ({@link ai.fromscratch.bpe.BpeTrainer}), the tokenizer that encodes and decodes with them
 * ({@link ai.fromscratch.bpe.BpeTokenizer}, whose Javadoc describes the pipeline and why), and
 * Hugging Face tokenizer.json export and import ({@link ai.fromscratch.bpe.TokenizerJsonWriter},
 * {@link ai.fromscratch.bpe.TokenizerJsonReader}).
 *
 * <p>The tests load the written tokenizer.json into the Hugging Face tokenizers library (through
 * DJL's {@code ai.djl.huggingface:tokenizers}) and check that it encodes held-out text to exactly
 * the ids this package gives.
 */
package ai.fromscratch.bpe;
