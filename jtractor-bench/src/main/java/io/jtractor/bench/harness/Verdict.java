package io.jtractor.bench.harness;

/** How a row stands against its target. */
public enum Verdict {
    MET("met"),
    MISSED("MISSED"),
    NO_TARGET("-"),
    NOT_MEASURED("not measured");

    private final String text;

    Verdict(String text) {
        this.text = text;
    }

    /** As written in the table. */
    public String text() {
        return text;
    }
}
