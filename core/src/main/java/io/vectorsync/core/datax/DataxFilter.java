package io.vectorsync.core.datax;

import io.vectorsync.api.error.PluginException;
import io.vectorsync.api.record.DataType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * DataX's {@code dx_filter}: drops the row when the condition holds. {@code like} / {@code not like} match the
 * value as a string against a Java regular expression (whole match); {@code > = < >= != <=} compare doubles for
 * floating-point fields, whole numbers (epoch milliseconds for dates) for integer and date fields, and strings for
 * the rest. Nulls as DataX treats them: {@code >}/{@code <} keep the row, {@code =} drops it only against
 * {@code "null"}, {@code !=} drops it unless against {@code "null"}, {@code like} keeps it, {@code not like} drops it.
 */
final class DataxFilter extends DataxFunction {
    private static final List<String> OPERATORS = List.of("like", "not like", ">", "=", "==", "<", ">=", "!=", "<=");

    private final String operator;
    private final String operand;
    private final Pattern pattern;

    private DataxFilter(String operator, String operand, Pattern pattern) {
        this.operator = operator;
        this.operand = operand;
        this.pattern = pattern;
    }

    static DataxFilter of(List<String> paras) {
        count(paras, 2, "operator, value");
        String operator = paras.get(0).trim().toLowerCase(Locale.ROOT);
        if (!OPERATORS.contains(operator)) {
            throw PluginException.config("paras", "dx_filter: unknown operator \"" + paras.get(0) + "\"; use one of "
                    + "like, not like, >, =, <, >=, !=, <=");
        }
        String operand = paras.get(1);
        if (operand.isEmpty()) {
            throw PluginException.config("paras", "dx_filter: the value to compare with must not be empty");
        }
        Pattern pattern = null;
        if (operator.endsWith("like")) {
            try {
                pattern = Pattern.compile(operand);
            } catch (PatternSyntaxException e) {
                throw PluginException.config("paras", "dx_filter: \"" + operand + "\" is not a regular expression: "
                        + e.getDescription());
            }
        }
        return new DataxFilter(operator.equals("==") ? "=" : operator, operand, pattern);
    }

    @Override
    boolean producesString() {
        return false;
    }

    @Override
    Object apply(Object value, DataType type) {
        return matches(value, type) ? FILTERED : value;
    }

    private boolean matches(Object value, DataType type) {
        switch (operator) {
            case "like":
                return value != null && pattern.matcher(asString(value)).matches();
            case "not like":
                return value == null || !pattern.matcher(asString(value)).matches();
            default:
                break;
        }
        if (value == null) {
            return switch (operator) {
                case "=" -> operand.equalsIgnoreCase("null");
                case "!=" -> !operand.equalsIgnoreCase("null");
                default -> false; // DataX: a null takes part in no comparison
            };
        }
        int c = compare(value, type);
        return switch (operator) {
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case "=" -> c == 0;
            default -> c != 0;
        };
    }

    private int compare(Object value, DataType type) {
        try {
            switch (type.kind()) {
                case FLOAT64, DECIMAL:
                    return Double.compare(((Number) value).doubleValue(), Double.parseDouble(operand));
                case INT64:
                    return Long.compare(((Number) value).longValue(), Long.parseLong(operand.trim()));
                case TIMESTAMP, DATE:
                    long millis = value instanceof Instant i ? i.toEpochMilli()
                            : ((LocalDate) value).atStartOfDay(ZoneId.systemDefault()).toInstant().toEpochMilli();
                    return Long.compare(millis, Long.parseLong(operand.trim()));
                default:
                    return asString(value).compareTo(operand);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("dx_filter: \"" + operand + "\" is not a number to compare a "
                    + type + " field with");
        }
    }
}
