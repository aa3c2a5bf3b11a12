package io.vectorsync.core.runtime;

import io.vectorsync.api.reader.Split;

/**
 * The end-of-split barrier of a resumable run: put by the reader stage after a split's last batch, passed on by the
 * transformer stage with what the transformers made of the split, and turned by the writer stage, once the writer
 * task has flushed, into a "done" entry of the resume journal. Counts are those of the split so far.
 *
 * @param read     records read from the split (emitted plus reported dirty by the reader)
 * @param dirty    dirty records of the split in the reader and the transformers
 * @param filtered records of the split the transformers filtered out
 */
record SplitEnd(Split split, long read, long dirty, long filtered) {
    SplitEnd plus(long moreDirty, long moreFiltered) {
        return new SplitEnd(split, read, dirty + moreDirty, filtered + moreFiltered);
    }
}
