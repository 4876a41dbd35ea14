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

        /** False once another command took the lock over because we stalled past its expiry. */
        default boolean held() {
            return true;
        }

        @Override
        void close();
    }
}
