package io.vectorsync.reader.hdfs;

import io.vectorsync.api.error.CommonErrorCode;
import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.config.PluginConfig;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.UserGroupInformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hadoop client side of the reader: the {@link Configuration} built from defaultFS and hadoopConfig, the
 * Kerberos login, one {@link FileSystem} instance per reader, and the expansion of paths and globs into files.
 */
final class HdfsFileSystem implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HdfsFileSystem.class);

    private final String stepName;
    private final Configuration conf;
    private final String user;
    private final boolean kerberos;
    private final String principal;
    private final String keytab;
    private FileSystem fs;

    HdfsFileSystem(PluginConfig config) {
        this.stepName = config.stepName();
        this.conf = configuration(config);
        this.user = config.get(HdfsOptions.HDFS_USERNAME);
        this.kerberos = config.get(HdfsOptions.HAVE_KERBEROS);
        this.principal = config.get(HdfsOptions.KERBEROS_PRINCIPAL);
        this.keytab = config.get(HdfsOptions.KERBEROS_KEYTAB_FILE_PATH);
        if (kerberos && (isBlank(principal) || isBlank(keytab))) {
            throw PluginException.config(isBlank(principal) ? "kerberosPrincipal" : "kerberosKeytabFilePath",
                    "is required when haveKerberos is true (step " + stepName + ")");
        }
        if (kerberos && config.get(HdfsOptions.KERBEROS_CONF_FILE_PATH) != null) {
            System.setProperty("java.security.krb5.conf", config.get(HdfsOptions.KERBEROS_CONF_FILE_PATH));
        }
    }

    /** The client configuration: Hadoop's defaults, then defaultFS, then every hadoopConfig entry. */
    static Configuration configuration(PluginConfig config) {
        Configuration conf = new Configuration();
        // The plugin's own loader: Hadoop looks up FileSystem and codec classes through it.
        conf.setClassLoader(HdfsFileSystem.class.getClassLoader());
        String defaultFs = config.get(HdfsOptions.DEFAULT_FS);
        if (defaultFs != null && !defaultFs.isBlank()) {
            conf.set(FileSystem.FS_DEFAULT_NAME_KEY, defaultFs.trim());
        }
        Map<String, Object> extra = config.get(HdfsOptions.HADOOP_CONFIG);
        if (extra != null) {
            for (Map.Entry<String, Object> e : new TreeMap<>(extra).entrySet()) {
                if (e.getValue() == null) {
                    throw PluginException.config("hadoopConfig." + e.getKey(), "must not be null");
                }
                conf.set(e.getKey(), String.valueOf(e.getValue()));
            }
        }
        if (config.get(HdfsOptions.HAVE_KERBEROS)) {
            conf.set("hadoop.security.authentication", "kerberos");
        }
        return conf;
    }

    Configuration conf() {
        return conf;
    }

    /** The file system, connected on first use (after the Kerberos login when haveKerberos is true). */
    synchronized FileSystem fs() {
        if (fs == null) {
            if (kerberos) {
                login();
            }
            try {
                URI uri = FileSystem.getDefaultUri(conf);
                fs = user == null || user.isBlank() || kerberos ? FileSystem.newInstance(uri, conf)
                        : FileSystem.newInstance(uri, conf, user);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PluginException(CommonErrorCode.CANCELLED, stepName + ": interrupted while connecting");
            } catch (IOException | IllegalArgumentException e) {
                throw new PluginException(HdfsErrorCode.CONNECT_FAILED, stepName + ": cannot connect to "
                        + FileSystem.getDefaultUri(conf) + " (check defaultFS and hadoopConfig): " + e.getMessage(), e);
            }
        }
        return fs;
    }

    private void login() {
        try {
            UserGroupInformation.setConfiguration(conf);
            UserGroupInformation.loginUserFromKeytab(principal, keytab);
            LOG.info("{}: logged in to Kerberos as {}", stepName, principal);
        } catch (IOException | RuntimeException e) {
            throw new PluginException(HdfsErrorCode.KERBEROS_LOGIN_FAILED, stepName + ": Kerberos login as \""
                    + principal + "\" with keytab " + keytab + " failed (check kerberosPrincipal, "
                    + "kerberosKeytabFilePath and krb5.conf): " + e.getMessage(), e);
        }
    }

    /**
     * Expands each path: a glob matches files and directories, a directory is listed recursively; names starting
     * with '.' or '_' are skipped in matches and listings. Every path must match at least one file unless
     * {@code allowEmpty}. Files come back sorted by path, each once.
     */
    List<FileStatus> listFiles(List<String> paths, boolean allowEmpty) {
        FileSystem fileSystem = fs();
        Map<String, FileStatus> files = new TreeMap<>();
        for (String p : paths) {
            Path path = new Path(p);
            List<FileStatus> found = new ArrayList<>();
            try {
                if (isGlob(p)) {
                    FileStatus[] matches = fileSystem.globStatus(path, HdfsFileSystem::visible);
                    if (matches != null) {
                        for (FileStatus m : matches) {
                            collect(fileSystem, m, found);
                        }
                    }
                } else if (fileSystem.exists(path)) {
                    FileStatus status = fileSystem.getFileStatus(path);
                    if (status.isDirectory()) {
                        collect(fileSystem, status, found);
                    } else {
                        found.add(status);
                    }
                }
            } catch (IOException e) {
                throw new PluginException(HdfsErrorCode.CONNECT_FAILED, stepName + ": cannot list \"" + p + "\" on "
                        + fileSystem.getUri() + ": " + e.getMessage(), e);
            }
            if (found.isEmpty() && !allowEmpty) {
                throw new PluginException(HdfsErrorCode.PATH_NOT_FOUND, stepName + ": \"path\" " + p
                        + " matches no file on " + fileSystem.getUri() + " (set successOnNoFile=true to read "
                        + "nothing instead)");
            }
            for (FileStatus f : found) {
                files.putIfAbsent(f.getPath().toString(), f);
            }
        }
        List<FileStatus> sorted = new ArrayList<>(files.values());
        sorted.sort(Comparator.comparing(f -> f.getPath().toString()));
        return sorted;
    }

    private static void collect(FileSystem fileSystem, FileStatus status, List<FileStatus> out) throws IOException {
        if (!status.isDirectory()) {
            out.add(status);
            return;
        }
        for (FileStatus child : fileSystem.listStatus(status.getPath(), HdfsFileSystem::visible)) {
            collect(fileSystem, child, out);
        }
    }

    private static boolean visible(Path p) {
        String name = p.getName();
        return !name.startsWith(".") && !name.startsWith("_");
    }

    static boolean isGlob(String p) {
        return p.indexOf('*') >= 0 || p.indexOf('?') >= 0 || p.indexOf('[') >= 0 || p.indexOf('{') >= 0;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public synchronized void close() throws IOException {
        if (fs != null) {
            fs.close();
            fs = null;
        }
    }
}
