package io.vectorsync.transformer.jsonextracting;

/** Why one column could not be extracted from one record; cheap (no stack trace), never leaves the plugin. */
final class ExtractionFailure extends Exception {
    private final JsonExtractingErrorCode code;

    ExtractionFailure(JsonExtractingErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    JsonExtractingErrorCode code() {
        return code;
    }
}
