package io.vectorsync.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Helpers to write job files in tests. Single quotes in the JSON are turned into double quotes. */
public final class Jobs {
    private Jobs() {
    }

    public static Path write(Path dir, String name, String json) throws IOException {
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, json.replace('\'', '"'));
        return file;
    }

    /** A gen → [transformers] → collect job. */
    public static String job(String readerParams, String transformers, String writerParams, String setting) {
        return "{'type':'job','version':'2.0','steps':["
                + "{'stepType':'gen','category':'reader','name':'Reader','parameter':{" + readerParams + "}},"
                + (transformers.isEmpty() ? "" : transformers + ",")
                + "{'stepType':'collect','category':'writer','name':'Writer','parameter':{" + writerParams + "}}],"
                + "'setting':{" + setting + "},"
                + "'order':{'hops':[{'from':'Reader','to':'Writer'}]}}";
    }
}
