package dev.motospkg.storage;

/**
 * Keeps two operations on one release from interleaving. A lock whose holder is gone (process dead,
 * or lease not renewed in time) is taken over rather than left to block the release forever.
 */
public interface ReleaseLocks {

    /**
     * Takes the lock for {@code operation} (e.g. "upgrade") or throws a MotosException naming who holds
     * it and since when.
     */
    Lock acquire(String namespace, String name, String operation);

    /**
     * {@link #acquire(String, String, String)}, told whether the release has history: its last
     * command then most likely left a freed lock behind, which is taken in one request.
     */
    default Lock acquire(String namespace, String name, String operation, boolean hasHistory) {
        return acquire(namespace, name, operation);
    }

    /** A held lock; closing releases it. */
    interface Lock extends AutoCloseable {
        /** Who held the lock before us when we took over a stale one; null when it was free. */
        String takenOverFrom();

        /**
         * Whether taking the lock created the release's namespace (a lock lives in it): the release's
         * own Namespace object is then new, not an existing one it uses.
         */
        default boolean createdNamespace() {
            return false;
        }

        /**
         * The {@link ReleaseStore#fingerprint history fingerprint} the previous holder left when it
         * released the lock, when this acquire took a lock freed that way: nobody has held it since,
         * so the history is still exactly that one. Empty otherwise (a new or taken-over lock).
         */
        default java.util.Optional<String> historyLeft() {
            return java.util.Optional.empty();
        }

        /**
         * What history this holder leaves: recorded in the lock when it is released, for the next
         * holder's {@link #historyLeft()}. Empty: nothing is recorded (the lock is simply removed).
         */
        default void leave(java.util.Optional<String> fingerprint) {
        }

        /** False once another command took the lock over because we stalled past its expiry. */
        default boolean held() {
            return true;
        }

        @Override
        void close();
    }
}
