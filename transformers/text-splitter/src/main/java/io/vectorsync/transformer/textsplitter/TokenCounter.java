package io.vectorsync.transformer.textsplitter;

/** Counts the tokens of a text the way one tokenizer does, without special tokens. Thread-safe. */
interface TokenCounter {
    /** The tokens {@code text} becomes, without the special tokens a model adds around it ([CLS], [SEP]). */
    int count(CharSequence text);

    /** The name the {@code tokenizer} parameter gives. */
    String name();
}
