package dev.motospkg.wait;

import java.util.List;

/**
 * How far one object is from ready.
 *
 * @param summary short and stable while nothing changes ("1/2 available", "Pending"), because the
 *                waiter prints a line whenever it changes
 * @param reasons why it is not ready yet, in the server's words (conditions, pod states); empty
 *                when ready
 * @param failed  it will never become ready by waiting (a Job that failed): a wait stops at once
 */
public record ObjectState(boolean ready, String summary, List<String> reasons, boolean failed) {

    public ObjectState {
        reasons = List.copyOf(reasons);
    }

    public ObjectState(boolean ready, String summary, List<String> reasons) {
        this(ready, summary, reasons, false);
    }

    static ObjectState ready(String summary) {
        return new ObjectState(true, summary, List.of());
    }

    static ObjectState waiting(String summary, List<String> reasons) {
        return new ObjectState(false, summary, reasons);
    }

    static ObjectState failed(String summary, List<String> reasons) {
        return new ObjectState(false, summary, reasons, true);
    }
}
