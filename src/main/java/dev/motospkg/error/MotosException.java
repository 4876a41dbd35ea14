package dev.motospkg.error;

/**
 * The one exception type users see: a message, an optional hint, and the exit code it maps to.
 * Thrown, never logged-and-thrown; the CLI prints {@code Error: ...} and {@code Hint: ...}.
 */
public class MotosException extends RuntimeException {
    private final String hint;
    private final ExitCode exitCode;

    public MotosException(ExitCode exitCode, String message, String hint, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.hint = hint;
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

    /** May be null. */
    public String hint() {
        return hint;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
