package dev.motospkg.error;

/** Process exit codes; mapped from exceptions in one place (cli). */
public enum ExitCode {
    OK(0),
    FAILED(1),
    INVALID_INPUT(2),
    CHANGES_FOUND(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
