package io.vectorsync.model.onnx;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The STS Benchmark dev split (English), vendored in this module's test resources ({@code /stsb/stsb-en-dev.csv},
 * with its license and provenance beside it), and Spearman's rank correlation.
 */
final class StsData {
    /** The classpath resource of the dev split; also read by assembly's StsbQualityIT through the test-jar. */
    static final String DEV_SPLIT = "/stsb/stsb-en-dev.csv";

    /** One scored sentence pair. */
    record Pair(String first, String second, double score) {
    }

    private StsData() {
    }

    /** Reads the English dev split from the test class path. */
    static List<Pair> devSplit() throws IOException {
        URL found = StsData.class.getResource(DEV_SPLIT);
        if (found == null) {
            throw new IllegalStateException("STS-B resource " + DEV_SPLIT + " missing from the test class path");
        }
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<Pair> pairs = new ArrayList<>();
        try (MappingIterator<String[]> rows = mapper.readerFor(String[].class).readValues(found)) {
            while (rows.hasNext()) {
                String[] row = rows.next();
                if (row.length != 3) {
                    throw new IllegalStateException(DEV_SPLIT + ": expected 3 columns, got " + Arrays.toString(row));
                }
                pairs.add(new Pair(row[0], row[1], Double.parseDouble(row[2])));
            }
        }
        return pairs;
    }

    /** Spearman's rank correlation of {@code x} and {@code y}, ties given their average rank. */
    static double spearman(double[] x, double[] y) {
        return pearson(ranks(x), ranks(y));
    }

    static double[] ranks(double[] values) {
        int n = values.length;
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = rank;
            }
            i = j + 1;
        }
        return ranks;
    }

    static double pearson(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElse(0);
        double my = Arrays.stream(y).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
