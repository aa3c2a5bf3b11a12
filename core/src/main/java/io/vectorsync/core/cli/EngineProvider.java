package io.vectorsync.core.cli;

import io.vectorsync.core.Engine;
import io.vectorsync.core.runtime.JobControl;
import io.vectorsync.core.runtime.JobResult;
import java.nio.file.Path;
import java.util.Map;

/**
 * Another engine for {@code vectorsync run JOB --engine NAME} (e.g. {@code flink}), found with
 * {@link java.util.ServiceLoader} on the class path; {@code bin/vectorsync} adds the engine's own libraries
 * (lib/flink/) only when it is asked for, so the local engine never loads them.
 */
public interface EngineProvider {
    /** The value of {@code --engine}. */
    String name();

    /**
     * Runs the job and returns how it ended, like {@link Engine#run}.
     *
     * @param engine  the core, configured from the command line (plugins, datasources, parameters, dirty file)
     * @param control the run's stop signal: SIGINT/SIGTERM cancel it, and the engine cancels its job then
     * @param options engine options from the command line, e.g. {@code flink.master -> host:port}
     */
    JobResult run(Engine engine, Path jobFile, JobControl control, Map<String, String> options) throws Exception;
}
