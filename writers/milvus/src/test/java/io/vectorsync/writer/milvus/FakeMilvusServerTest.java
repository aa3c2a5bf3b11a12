package io.vectorsync.writer.milvus;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** A test class against one {@link FakeMilvusServer}, started once for the class and emptied before each test. */
abstract class FakeMilvusServerTest {
    static FakeMilvusServer server;
    final MilvusWriterFactory factory = new MilvusWriterFactory();

    @BeforeAll
    static void startServer() throws Exception {
        server = new FakeMilvusServer();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void resetServer() {
        server.reset();
    }
}
