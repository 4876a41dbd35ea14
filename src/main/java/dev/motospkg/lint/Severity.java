package dev.motospkg.lint;

public enum Severity {
    ERROR,
    WARNING
}
