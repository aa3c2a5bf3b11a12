package io.vectorsync.core.flink;

import io.vectorsync.core.Engine;
import io.vectorsync.core.cli.EngineProvider;
import io.vectorsync.core.runtime.JobControl;
import io.vectorsync.core.runtime.JobResult;
import java.nio.file.Path;
import java.util.Map;

/** {@code vectorsync run JOB --engine flink [--flink-master HOST:PORT]}. */
public final class FlinkEngineProvider implements EngineProvider {
    @Override
    public String name() {
        return "flink";
    }

    @Override
    public JobResult run(Engine engine, Path jobFile, JobControl control, Map<String, String> options) {
        String master = options.get("flink.master");
        FlinkTarget target = master == null ? FlinkTarget.embedded(engine.pluginDirs()) : FlinkTarget.session(master);
        return new FlinkEngine(engine, target).run(jobFile, control);
    }
}
