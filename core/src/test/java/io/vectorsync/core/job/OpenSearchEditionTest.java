package io.vectorsync.core.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenSearchEditionTest {
    @Test
    void anOpenSearchWriterOfTheVectorEditionGoesToTheOpenSearchVectorWriter() {
        assertEquals("opensearch-vector", OpenSearchEdition.stepType("opensearch", StepCategory.WRITER, "ha3", Map.of()));
        assertEquals("opensearch-vector", OpenSearchEdition.stepType("opensearch", StepCategory.WRITER,
                "OpenSearch-Vector", Map.of()));
        assertEquals("opensearch-vector", OpenSearchEdition.stepType("opensearch", StepCategory.WRITER, null,
                Map.of("edition", "Vector")));
    }

    @Test
    void everythingElseKeepsItsStepType() {
        assertEquals("opensearch", OpenSearchEdition.stepType("opensearch", StepCategory.WRITER, "opensearch", Map.of()));
        assertEquals("opensearch", OpenSearchEdition.stepType("opensearch", StepCategory.WRITER, null, Map.of()));
        assertEquals("milvus", OpenSearchEdition.stepType("milvus", StepCategory.WRITER, "ha3", Map.of()));
        assertEquals("opensearch", OpenSearchEdition.stepType("opensearch", StepCategory.READER, "ha3", Map.of()));
    }
}
