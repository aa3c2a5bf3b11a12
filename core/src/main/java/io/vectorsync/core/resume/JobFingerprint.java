package io.vectorsync.core.resume;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.common.hash.Hashing;
import io.vectorsync.core.job.JobSpec;
import io.vectorsync.core.job.Settings;
import io.vectorsync.core.job.StepSpec;
import io.vectorsync.core.stats.SecretMasker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names the resume state of a job: a hash of the resolved job (parameters substituted, datasources merged) in a
 * canonical form (map keys sorted), with secrets replaced by the masker, so a key rotation keeps the state and no
 * secret can be recovered from the directory name. Any other change to a step's parameters or the error limits
 * is another job, with a state of its own; {@code speed} settings are left out (they change how fast, not what).
 */
public final class JobFingerprint {
    private JobFingerprint() {
    }

    /** 16 hex digits; call after planning (the masker knows the job's secrets by then). */
    public static String of(JobSpec spec, SecretMasker masker) {
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("name", spec.name());
        List<Object> steps = new ArrayList<>();
        for (StepSpec s : spec.steps()) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("stepType", s.stepType());
            step.put("category", s.category().name());
            step.put("name", s.name());
            step.put("parameter", s.parameters());
            steps.add(step);
        }
        canonical.put("steps", steps);
        Settings t = spec.settings();
        // speed settings change how fast, not what is written: a resumed run may throttle differently
        canonical.put("errorLimit", List.of(String.valueOf(t.errorLimitRecords()),
                String.valueOf(t.errorLimitPercentage())));
        try {
            String json = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsString(canonical);
            return Hashing.sha256().hashString(masker.mask(json), StandardCharsets.UTF_8).toString().substring(0, 16);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the job in canonical form: " + e.getMessage(), e);
        }
    }
}
