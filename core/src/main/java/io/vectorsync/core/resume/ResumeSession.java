package io.vectorsync.core.resume;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vectorsync.api.reader.Split;
import io.vectorsync.api.reader.SplitCodec;
import io.vectorsync.api.writer.Idempotence;
import io.vectorsync.core.resume.SplitJournal.StoredPlan;
import io.vectorsync.core.resume.SplitJournal.StoredSplit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run of a job under {@code --resume}: what the runner asks of the journal. Checks that replaying is harmless
 * (the writer is idempotent), compares the reader's plan with the journalled one, hands out the splits still to
 * do, journals each split when the writer has acknowledged it, and adds the done splits of earlier attempts to
 * this run's counts.
 */
public final class ResumeSession implements AutoCloseable {
    private final SplitJournal journal;
    private final ResumeMode mode;
    private final Map<Split, Integer> index = new IdentityHashMap<>();
    private final Set<Integer> replayed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicLong recordsReplayed = new AtomicLong();
    private Map<Integer, SplitCounts> priorDone = Map.of();
    private int attempt;
    private int total;

    private ResumeSession(SplitJournal journal, ResumeMode mode) {
        this.journal = journal;
        this.mode = mode;
        this.attempt = journal.beginAttempt(); // first: a run killed even before planning still counts as one
    }

    /** This run's attempt number: 1 for the first run of the job, 2 for the first resume, … */
    public int attempt() {
        return attempt;
    }

    /** Opens and locks the state of the job with {@code fingerprint} under {@code stateRoot}. */
    public static ResumeSession open(Path stateRoot, String fingerprint, ResumeMode mode, ObjectMapper mapper)
            throws IOException {
        return new ResumeSession(SplitJournal.open(stateRoot, fingerprint, mapper), mode);
    }

    public Path stateDirectory() {
        return journal.directory();
    }

    /** Refuses a writer for which replaying a split is not harmless; called after the writer's check. */
    public static void requireIdempotent(String step, String stepType, Idempotence idempotence) {
        if (!idempotence.idempotent()) {
            throw new ResumeRefusedException("--resume is refused: the writer " + step + " (" + stepType
                    + ") does not write a replayed record over itself: " + idempotence.explanation());
        }
    }

    /** Whether the writer's prepare already ran to its end in an earlier attempt (it must not run again). */
    public boolean prepareDone() {
        return journal.prepared();
    }

    public void markPrepared() {
        journal.markPrepared();
    }

    /**
     * Compares {@code splits} (the reader's plan now) with the journalled plan, or stores it on a first run, and
     * returns the splits still to read. A changed plan is refused unless the mode is {@code force}; then done splits
     * whose input is unchanged stay done and everything else is read.
     */
    public List<Split> begin(String reader, List<? extends Split> splits, SplitCodec codec) throws IOException {
        List<StoredSplit> now = new ArrayList<>(splits.size());
        for (Split s : splits) {
            now.add(new StoredSplit(s.id(), codec.version(), b64(codec.encode(s)), b64(codec.identity(s))));
        }
        StoredPlan stored = journal.storedPlan();
        Map<Integer, SplitCounts> done = journal.done();
        if (stored == null) {
            journal.storePlan(new StoredPlan(reader, now));
            done = Map.of();
        } else if (!sameInput(stored.splits(), now)) {
            String change = describeChange(stored.splits(), now);
            if (mode != ResumeMode.FORCE) {
                throw new ResumeRefusedException("--resume is refused: the input changed since the interrupted run ("
                        + change + "); rerun with --resume=force to keep the splits whose input is unchanged and read "
                        + "the rest, or without --resume to start over");
            }
            done = remap(stored.splits(), now, done);
            journal.storePlan(new StoredPlan(reader, now));
            journal.rewrite(done);
        }
        priorDone = Map.copyOf(done);
        total = splits.size();
        List<Split> todo = new ArrayList<>();
        for (int i = 0; i < splits.size(); i++) {
            index.put(splits.get(i), i);
            if (!done.containsKey(i)) {
                todo.add(splits.get(i));
                if (attempt > 1) {
                    replayed.add(i);
                }
            }
        }
        return todo;
    }

    private static boolean sameInput(List<StoredSplit> a, List<StoredSplit> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).identity().equals(b.get(i).identity())) {
                return false;
            }
        }
        return true;
    }

    /** "split x changed, split y removed, split z added" (ids; at most a few of each). */
    static String describeChange(List<StoredSplit> before, List<StoredSplit> after) {
        Map<String, String> was = new LinkedHashMap<>();
        before.forEach(s -> was.put(s.id(), s.identity()));
        Map<String, String> is = new LinkedHashMap<>();
        after.forEach(s -> is.put(s.id(), s.identity()));
        List<String> parts = new ArrayList<>();
        was.forEach((id, identity) -> {
            if (!is.containsKey(id)) {
                parts.add("split " + id + " is gone");
            } else if (!is.get(id).equals(identity)) {
                parts.add("split " + id + " changed (size, modification time or range)");
            }
        });
        is.keySet().stream().filter(id -> !was.containsKey(id)).forEach(id -> parts.add("split " + id + " is new"));
        if (parts.isEmpty()) {
            parts.add("the splits are in another order");
        }
        return parts.size() <= 5 ? String.join(", ", parts)
                : String.join(", ", parts.subList(0, 5)) + " and " + (parts.size() - 5) + " more";
    }

    /** Done splits of the old plan whose identity is in the new plan, under their new index. */
    private static Map<Integer, SplitCounts> remap(List<StoredSplit> before, List<StoredSplit> after,
                                                   Map<Integer, SplitCounts> done) {
        Map<String, Integer> newIndex = new HashMap<>();
        for (int i = 0; i < after.size(); i++) {
            newIndex.put(after.get(i).identity(), i);
        }
        Map<Integer, SplitCounts> kept = new HashMap<>();
        done.forEach((i, counts) -> {
            if (i < before.size()) {
                Integer j = newIndex.get(before.get(i).identity());
                if (j != null) {
                    kept.put(j, counts);
                }
            }
        });
        return kept;
    }

    /** The writer acknowledged every record of {@code split}: journal it done. */
    public void splitDone(Split split, SplitCounts counts) {
        Integer i = index.get(split);
        if (i == null) {
            throw new IllegalStateException("split " + split.id() + " is not in the journalled plan");
        }
        journal.splitDone(i, counts);
        if (replayed.contains(i)) {
            recordsReplayed.addAndGet(counts.read());
        }
    }

    /** The counts of the splits earlier attempts finished (not read again by this run). */
    public SplitCounts priorCounts() {
        SplitCounts sum = SplitCounts.ZERO;
        for (SplitCounts c : priorDone.values()) {
            sum = sum.plus(c);
        }
        return sum;
    }

    /** What the report says about resuming. */
    public Summary summary() {
        return new Summary(attempt, total, priorDone.size(), replayed.size(), recordsReplayed.get(),
                journal.directory().toString());
    }

    /** The job succeeded: the state is removed. */
    public void completed() throws IOException {
        journal.completed();
    }

    @Override
    public void close() throws IOException {
        journal.close();
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * The report's {@code resume} object.
     *
     * @param attempt         1 for the first run of the job, 2 for the first resume, …
     * @param splits          splits in the plan
     * @param splitsSkipped   splits an earlier attempt finished, not read again
     * @param splitsReplayed  splits an earlier attempt did not finish, read again from their start
     * @param recordsReplayed records read again from replayed splits (each went through the transformers again:
     *                        re-embedded, unless the embedding cache had its vector)
     */
    public record Summary(int attempt, int splits, int splitsSkipped, int splitsReplayed, long recordsReplayed,
                          String stateDirectory) {
    }
}
