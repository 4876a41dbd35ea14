package dev.motospkg.yaml;

import dev.motospkg.error.MotosException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Checks a parsed tree before anything recurses into it. Aliases make a tree a graph: {@code a: &a [*a]}
 * contains itself (every recursive walk overflows the stack) and 25 doubling aliases expand to 30
 * million nodes (every walk takes minutes). This walk is iterative, so it cannot overflow, and it
 * stops at the first bound passed.
 */
final class TreeBounds {
    /** Depth of the expanded tree; the parser allows 100 levels of text, aliases could stack more. */
    static final int MAX_DEPTH = 100;
    /** Nodes of the expanded tree; a 10,000-object render has about a million. */
    static final int MAX_NODES = 2_000_000;

    private TreeBounds() {
    }

    private record Frame(Object node, int depth, boolean exit) {
    }

    static void check(Object root, String sourceName) {
        // The containers on the current path, to find a container inside itself.
        Map<Object, Boolean> onPath = new IdentityHashMap<>();
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(root, 0, false));
        long nodes = 0;
        while (!stack.isEmpty()) {
            Frame f = stack.pop();
            if (f.exit()) {
                onPath.remove(f.node());
                continue;
            }
            if (++nodes > MAX_NODES) {
                throw MotosException.invalid(sourceName + ": refused: its aliases expand to more than "
                        + MAX_NODES + " values; this looks like a YAML bomb",
                        "Write the values out instead of using anchors and aliases.");
            }
            Collection<?> children;
            if (f.node() instanceof Map<?, ?> map) {
                children = map.values();
            } else if (f.node() instanceof Collection<?> list) {
                children = list;
            } else {
                continue;
            }
            if (onPath.put(f.node(), Boolean.TRUE) != null) {
                throw MotosException.invalid(sourceName + ": refused: a YAML alias refers to a value that contains it"
                        + " (a recursive structure)", "An alias (*name) may only repeat a value defined before it,"
                        + " outside of it.");
            }
            if (f.depth() >= MAX_DEPTH) {
                throw MotosException.invalid(sourceName + ": refused: nested more than " + MAX_DEPTH + " levels deep",
                        "Flatten the structure; values and manifests need a few levels only.");
            }
            stack.push(new Frame(f.node(), f.depth(), true));
            for (Object child : children) {
                stack.push(new Frame(child, f.depth() + 1, false));
            }
        }
    }
}
