package io.vectorsync.reader.odps;

import com.aliyun.odps.Column;
import com.aliyun.odps.OdpsType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough MaxCompute SQL for the fake's SQL instances: {@code SELECT <columns|*> FROM <project>.<table> WHERE
 * <predicate>}, select items being columns or {@code upper|lower|length(column) AS alias}, with comparisons (=, !=, <>, <, <=, >, >=) of columns, partition keys, 'strings' and numbers,
 * AND, OR and parentheses. Errors carry MaxCompute's codes and shapes: {@code ODPS-0130161 ... Parse exception}
 * for a bad token, {@code ODPS-0130071 ... Semantic analysis exception} for an unknown column or table.
 */
final class FakeSql {
    /** A query's result: its columns and rows, or the error message MaxCompute would report. */
    record Result(List<Column> columns, List<Object[]> rows, String error) {
    }

    private static final Pattern SELECT = Pattern.compile("(?is)\\s*SELECT\\s+(.+?)\\s+FROM\\s+(\\S+)\\s+WHERE\\s+(.+?);?\\s*");
    private static final Pattern FUNCTION = Pattern.compile("(?is)([a-z_]+)\\(\\s*`?(\\w+)`?\\s*\\)\\s+AS\\s+`?(\\w+)`?");
    private static final Pattern TOKEN = Pattern.compile("\\s*(`[^`]+`|'(?:[^'\\\\]|\\\\.)*'|-?\\d+(?:\\.\\d+)?|<>|!=|<=|>=|[=<>()]|[A-Za-z_][A-Za-z0-9_]*|\\S)");

    private FakeSql() {
    }

    static Result run(String sql, Map<String, FakeTunnelServer.FakeTable> tables) {
        Matcher m = SELECT.matcher(sql);
        if (!m.matches()) {
            return error("ODPS-0130161:[1,1] Parse exception - invalid statement");
        }
        String[] path = m.group(2).replace("`", "").split("\\.");
        FakeTunnelServer.FakeTable table = tables.get(path[path.length - 1]);
        if (table == null) {
            return error("ODPS-0130131:[1,1] Table not found - table " + m.group(2).replace("`", "") + " cannot be resolved");
        }
        List<Column> all = new ArrayList<>(table.columns());
        table.partitionKeys().forEach(k -> all.add(new Column(k, OdpsType.STRING)));
        List<Column> selected = new ArrayList<>();
        List<java.util.function.Function<Map<String, Object>, Object>> getters = new ArrayList<>();
        if (m.group(1).trim().equals("*")) {
            selected.addAll(all);
            all.forEach(c -> getters.add(v -> v.get(c.getName().toLowerCase())));
        } else {
            for (String item : m.group(1).split(",")) {
                Matcher f = FUNCTION.matcher(item.trim());
                String n = (f.matches() ? f.group(2) : item).trim().replace("`", "");
                Column c = all.stream().filter(x -> x.getName().equalsIgnoreCase(n)).findFirst().orElse(null);
                if (c == null) {
                    return error("ODPS-0130071:[1,8] Semantic analysis exception - column " + n + " cannot be resolved");
                }
                String key = c.getName().toLowerCase();
                if (!f.matches()) {
                    selected.add(c);
                    getters.add(v -> v.get(key));
                    continue;
                }
                String fn = f.group(1).toLowerCase();
                switch (fn) {
                    case "upper" -> getters.add(v -> v.get(key) == null ? null : v.get(key).toString().toUpperCase());
                    case "lower" -> getters.add(v -> v.get(key) == null ? null : v.get(key).toString().toLowerCase());
                    case "length" -> getters.add(v -> v.get(key) == null ? null : (long) v.get(key).toString().length());
                    default -> {
                        return error("ODPS-0130071:[1,8] Semantic analysis exception - function " + fn + " cannot be "
                                + "resolved");
                    }
                }
                selected.add(new Column(f.group(3), fn.equals("length") ? OdpsType.BIGINT : OdpsType.STRING));
            }
        }
        List<String> tokens = new ArrayList<>();
        Matcher t = TOKEN.matcher(m.group(3));
        while (t.lookingAt()) {
            tokens.add(t.group(1));
            t.region(t.end(), m.group(3).length());
        }
        List<Object[]> out = new ArrayList<>();
        try {
            for (Map.Entry<String, List<Object[]>> part : table.rows().entrySet()) {
                for (Object[] row : part.getValue()) {
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (int i = 0; i < table.columns().size(); i++) {
                        values.put(table.columns().get(i).getName().toLowerCase(), row[i]);
                    }
                    for (String kv : part.getKey().isEmpty() ? new String[0] : part.getKey().split(",")) {
                        values.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                    }
                    Eval e = new Eval(tokens, values);
                    boolean keep = e.or();
                    if (e.at < tokens.size()) {
                        throw new IllegalStateException("ODPS-0130161:[1," + (e.at + 1) + "] Parse exception - "
                                + "invalid token '" + tokens.get(e.at) + "'");
                    }
                    if (keep) {
                        Object[] r = new Object[selected.size()];
                        for (int i = 0; i < r.length; i++) {
                            r[i] = getters.get(i).apply(values);
                        }
                        out.add(r);
                    }
                }
            }
        } catch (IllegalStateException e) {
            return error(e.getMessage());
        }
        return new Result(selected, out, null);
    }

    private static Result error(String message) {
        return new Result(List.of(), List.of(), message);
    }

    /** A recursive-descent evaluator of the predicate over one row. */
    private static final class Eval {
        final List<String> tokens;
        final Map<String, Object> row;
        int at;

        Eval(List<String> tokens, Map<String, Object> row) {
            this.tokens = tokens;
            this.row = row;
        }

        boolean or() {
            boolean v = and();
            while (peek("OR")) {
                at++;
                v |= and();
            }
            return v;
        }

        boolean and() {
            boolean v = atom();
            while (peek("AND")) {
                at++;
                v &= atom();
            }
            return v;
        }

        boolean atom() {
            if (peek("(")) {
                at++;
                boolean v = or();
                expect(")");
                return v;
            }
            Object left = operand();
            String op = at < tokens.size() ? tokens.get(at++) : "<end>";
            Object right = operand();
            int c = compare(left, right);
            return switch (op) {
                case "=" -> c == 0;
                case "!=", "<>" -> c != 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                default -> throw new IllegalStateException("ODPS-0130161:[1," + at + "] Parse exception - invalid "
                        + "token '" + op + "'");
            };
        }

        Object operand() {
            if (at >= tokens.size()) {
                throw new IllegalStateException("ODPS-0130161:[1," + at + "] Parse exception - unexpected end of "
                        + "the statement");
            }
            String t = tokens.get(at++);
            if (t.startsWith("'")) {
                return t.substring(1, t.length() - 1).replace("\\'", "'");
            }
            if (t.matches("-?\\d+(\\.\\d+)?")) {
                return Double.parseDouble(t);
            }
            String name = t.replace("`", "").toLowerCase();
            if (!name.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalStateException("ODPS-0130161:[1," + at + "] Parse exception - invalid token '" + t + "'");
            }
            if (!row.containsKey(name)) {
                throw new IllegalStateException("ODPS-0130071:[1," + at + "] Semantic analysis exception - column "
                        + name + " cannot be resolved");
            }
            return row.get(name);
        }

        static int compare(Object a, Object b) {
            if (a instanceof Number x && b instanceof Number y) {
                return Double.compare(x.doubleValue(), y.doubleValue());
            }
            return String.valueOf(a).compareTo(String.valueOf(b));
        }

        boolean peek(String s) {
            return at < tokens.size() && tokens.get(at).equalsIgnoreCase(s);
        }

        void expect(String s) {
            if (!peek(s)) {
                throw new IllegalStateException("ODPS-0130161:[1," + at + "] Parse exception - missing '" + s + "'");
            }
            at++;
        }
    }
}
