package io.jtractor;

/**
 * A child actor died or failed before it was ready to serve (bad class path, an exposed class
 * that does not load, a crash during boot). Carries the exit code and what the child printed on
 * its error stream.
 */
public final class SpawnFailed extends RuntimeException {

    private final String actorName;
    private final Integer exitCode;
    private final String childOutput;

    public SpawnFailed(String actorName, Integer exitCode, String childOutput, Throwable cause) {
        super("actor '" + actorName + "' failed before it was ready"
                + (exitCode == null ? "" : " (exit code " + exitCode + ")")
                + (cause == null ? "" : ": " + firstLine(cause))
                + (childOutput == null || childOutput.isBlank() ? ""
                        : "\n  its error output:\n" + childOutput.strip().indent(4)
                                .stripTrailing()), cause);
        this.actorName = actorName;
        this.exitCode = exitCode;
        this.childOutput = childOutput == null ? "" : childOutput;
    }

    private static String firstLine(Throwable cause) {
        var message = cause.getMessage();
        return message == null ? cause.getClass().getName()
                : message.lines().findFirst().orElse(cause.getClass().getName());
    }

    /** The name the actor was given. */
    public String actorName() {
        return actorName;
    }

    /** The child's exit code, or null if it had not exited. */
    public Integer exitCode() {
        return exitCode;
    }

    /** The last lines the child wrote to its error stream. */
    public String childOutput() {
        return childOutput;
    }
}
