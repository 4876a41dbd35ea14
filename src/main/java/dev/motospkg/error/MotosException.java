package dev.motospkg.error;

/**
 * The one exception type users see: a message, an optional hint, and the exit code it maps to.
 * Thrown, never logged-and-thrown; the CLI prints {@code Error: ...} and {@code Hint: ...}.
 */
public class MotosException extends RuntimeException {
    private final String hint;
    private final ExitCode exitCode;
    private final boolean temporary;

    public MotosException(ExitCode exitCode, String message, String hint, Throwable cause) {
        this(exitCode, message, hint, cause, false);
    }

    private MotosException(ExitCode exitCode, String message, String hint, Throwable cause, boolean temporary) {
        super(message, cause);
        this.exitCode = exitCode;
        this.hint = hint;
        this.temporary = temporary;
    }

    public MotosException(ExitCode exitCode, String message, String hint) {
        this(exitCode, message, hint, null);
    }

    public static MotosException invalid(String message, String hint) {
        return new MotosException(ExitCode.INVALID_INPUT, message, hint);
    }

    public static MotosException failed(String message, String hint) {
        return new MotosException(ExitCode.FAILED, message, hint);
    }

    /**
     * A failure that may pass by itself (the API server restarting: refused, reset, no answer): a
     * command that is waiting anyway may keep waiting instead of failing.
     */
    public static MotosException temporary(String message, String hint) {
        return new MotosException(ExitCode.FAILED, message, hint, null, true);
    }

    public boolean isTemporary() {
        return temporary;
    }

    /** May be null. */
    public String hint() {
        return hint;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
