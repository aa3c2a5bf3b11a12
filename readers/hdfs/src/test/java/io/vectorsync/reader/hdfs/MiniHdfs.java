package io.vectorsync.reader.hdfs;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import io.vectorsync.testkit.PluginHarness;
import io.vectorsync.testkit.TestPluginContext;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * One real HDFS (NameNode + one DataNode, from hadoop-client-minicluster) for the whole test run, started on
 * first use under target/minidfs, on 127.0.0.1, and stopped by a shutdown hook.
 */
public final class MiniHdfs {
    private static MiniHdfs instance;

    private final MiniDFSCluster cluster;
    private final FileSystem fs;

    private MiniHdfs() throws IOException {
        File base = new File("target/minidfs").getAbsoluteFile();
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.getPath());
        conf.setBoolean("dfs.permissions.enabled", false);
        conf.set("dfs.namenode.http-address", "127.0.0.1:0");
        conf.set("dfs.datanode.address", "127.0.0.1:0");
        conf.set("dfs.datanode.http.address", "127.0.0.1:0");
        conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
        Configuration client = new Configuration();
        client.set("fs.defaultFS", uri());
        fs = FileSystem.newInstance(URI.create(uri()), client);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                fs.close();
            } catch (IOException ignored) {
                // shutting down anyway
            }
            cluster.shutdown(true);
        }));
    }

    public static synchronized MiniHdfs get() throws IOException {
        if (instance == null) {
            instance = new MiniHdfs();
        }
        return instance;
    }

    /** hdfs://127.0.0.1:PORT */
    public String uri() {
        return "hdfs://127.0.0.1:" + cluster.getNameNodePort();
    }

    int port() {
        return cluster.getNameNodePort();
    }

    FileSystem fs() {
        return fs;
    }

    /** hdfsreader parameters reading {@code path} (one or a list) of {@code fileType} from this cluster. */
    Map<String, Object> params(Object path, String fileType, Object column) {
        Map<String, Object> p = new HashMap<>();
        p.put("defaultFS", uri());
        p.put("path", path);
        p.put("fileType", fileType);
        p.put("column", column);
        return p;
    }

    /** Reads with the hdfs reader in two streams. */
    static PluginHarness.ReadResult read(Map<String, Object> params) throws Exception {
        return PluginHarness.read(new HdfsReaderFactory(), params, new TestPluginContext("hdfsReader", 2));
    }

    public void write(String path, byte[] content) throws IOException {
        try (OutputStream out = fs.create(new Path(path), true)) {
            out.write(content);
        }
    }

    public void write(String path, String content) throws IOException {
        write(path, content.getBytes(StandardCharsets.UTF_8));
    }
}
