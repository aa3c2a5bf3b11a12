package io.vectorsync.core.cli;

import io.vectorsync.core.runtime.JobControl;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGINT and SIGTERM during {@code run}: the first cancels the job through {@link JobControl#cancel}, and the
 * main thread goes on as for any other end of the job (abort path, report, summary) and exits with 128 + the
 * signal's number (130, 143). A second signal exits at once ({@link Runtime#halt}). A watchdog halts too if the
 * abort path has not ended 30 s after the grace period (a plugin that hangs in {@code abort} or {@code close}). A
 * signal that comes while the writer is already finishing a run whose stages all ended does not cancel it: the run
 * completes (a second signal still exits at once).
 *
 * <p>Why {@code sun.misc.Signal} and not a shutdown hook: a hook cannot tell SIGINT from SIGTERM (130 vs 143), it
 * runs while the JVM is already shutting down (logging may be stopped, {@code System.exit} from it deadlocks),
 * and during shutdown a second signal is ignored, so it could not "exit at once". With a handler the report and
 * the summary are written by the main thread on its normal path. {@code sun.misc.Signal} lives in the
 * {@code jdk.unsupported} module, present in every JDK 17+; when the JVM refuses a handler (e.g. {@code -Xrs}),
 * the JVM's default behaviour stays: the process ends without a report.
 */
final class StopSignals {
    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);
    private static final Duration WATCHDOG_MARGIN = Duration.ofSeconds(30);

    private final JobControl control;
    private final Duration grace;
    private final AtomicInteger received = new AtomicInteger();
    private volatile int exitCode;

    private StopSignals(JobControl control, Duration grace) {
        this.control = control;
        this.grace = grace;
    }

    /** Handles SIGINT and SIGTERM for the rest of the process's life. */
    static StopSignals install(JobControl control, Duration grace) {
        StopSignals signals = new StopSignals(control, grace);
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signals::handle);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                LOG.debug("SIG{} cannot be handled ({}); it ends the process without a report", name, e.getMessage());
            }
        }
        return signals;
    }

    private void handle(Signal signal) {
        int code = 128 + signal.getNumber();
        if (received.getAndIncrement() > 0) {
            System.err.println("SIG" + signal.getName() + " again: exiting at once");
            Runtime.getRuntime().halt(code);
        }
        exitCode = code;
        if (!control.cancel("SIG" + signal.getName() + " received")) {
            // the job already stopped, or its writer is finishing a run whose stages all ended: let it complete
            LOG.warn("SIG{} received, but the job is already ending; waiting for it (a second signal exits at once)",
                    signal.getName());
            return;
        }
        LOG.warn("SIG{} received: stopping the job (a second signal exits at once)", signal.getName());
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(grace.plus(WATCHDOG_MARGIN).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            System.err.println("the job did not end within " + grace.plus(WATCHDOG_MARGIN).toSeconds()
                    + " s of SIG" + signal.getName() + ": exiting without a report");
            Runtime.getRuntime().halt(code);
        }, "stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** 128 + the number of the first signal received, or 0 when none was. */
    int exitCode() {
        return exitCode;
    }
}
