package dev.motospkg.diff;

/**
 * What a plan does to one object (kapp's ChangeOp; not to be confused with {@code action.ReleaseOperation},
 * how a revision is made).
 */
public enum ChangeKind {
    CREATE("+", "to create"),
    UPDATE("~", "to change"),
    DELETE("-", "to delete"),
    /** Deleted and created again (--force): a field that cannot change in place changes. */
    REPLACE("!", "to replace"),
    /**
     * Left the chart but stays in the cluster, as a PersistentVolume's Retain policy: PVCs, the
     * Namespace, objects annotated keep. (kapp's "keep" is another thing: an object left as it is.)
     */
    RETAIN("=", "kept"),
    UNCHANGED(" ", "unchanged");

    private final String symbol;
    private final String summary;

    ChangeKind(String symbol, String summary) {
        this.symbol = symbol;
        this.summary = summary;
    }

    public String symbol() {
        return symbol;
    }

    public String summary() {
        return summary;
    }

    public boolean writes() {
        return this == CREATE || this == UPDATE || this == DELETE || this == REPLACE;
    }
}
