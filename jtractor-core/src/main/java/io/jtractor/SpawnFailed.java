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
                + (childOutput == null || childOutput.isBlank() ? ""
                        : "; its error output:\n" + childOutput.strip()), cause);
        this.actorName = actorName;
        this.exitCode = exitCode;
        this.childOutput = childOutput == null ? "" : childOutput;
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
