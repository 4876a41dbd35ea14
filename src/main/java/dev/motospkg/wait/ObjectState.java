package dev.motospkg.wait;

import java.util.List;

/**
 * How far one object is from ready.
 *
 * @param summary short and stable while nothing changes ("1/2 available", "Pending"), because the
 *                waiter prints a line whenever it changes
 * @param reasons why it is not ready yet, in the server's words (conditions, pod states); empty
 *                when ready
 */
public record ObjectState(boolean ready, String summary, List<String> reasons) {

    public ObjectState {
        reasons = List.copyOf(reasons);
    }

    static ObjectState ready(String summary) {
        return new ObjectState(true, summary, List.of());
    }

    static ObjectState waiting(String summary, List<String> reasons) {
        return new ObjectState(false, summary, reasons);
    }
}
