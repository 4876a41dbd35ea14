package dev.motospkg.e2e;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Starts the node once per run (root store: closed, so torn down, at the end) and injects {@link TestNode}. */
public final class NodeExtension implements ExecutionCondition, ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NodeExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        TestNode.StartOutcome outcome = outcome(context);
        if (outcome.node() != null) {
            return ConditionEvaluationResult.enabled("node up");
        }
        if (outcome.notInstalled() != null && !required()) {
            return ConditionEvaluationResult.disabled("[motospkg E2E] skipped: " + outcome.notInstalled()
                    + " (run scripts/dev-cluster install --node)");
        }
        throw new IllegalStateException("[motospkg E2E] the node could not start"
                + (outcome.failure() != null ? ": " + outcome.failure() : ": " + outcome.notInstalled()));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestNode.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestNode node = outcome(context).node();
        if (node == null) {
            throw new ParameterResolutionException("the node is not running");
        }
        return node;
    }

    private static TestNode.StartOutcome outcome(ExtensionContext context) {
        return context.getRoot().getStore(NS).getOrComputeIfAbsent("node", k -> TestNode.start(), TestNode.StartOutcome.class);
    }

    static boolean required() {
        return "true".equalsIgnoreCase(System.getProperty("motospkg.it.required"))
                || "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
