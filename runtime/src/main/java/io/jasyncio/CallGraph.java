package io.jasyncio;

import java.util.List;

/**
 * Who waits for whom, around one future or task (Python 3.14's {@code FutureCallGraph}), as
 * {@link Asyncio#captureCallGraph} found it: the future, the stack of its coroutines if it is a
 * task, what it waits for itself, and the tasks and futures waiting for it, each with its own
 * graph upwards. Waiting is followed through an await, through {@code gather} (the gathering
 * future waits for each child) and through a {@link TaskGroup} (its parent task waits for each
 * child).
 *
 * @param future the future or task this graph is about
 * @param callStack a task's coroutines where they are suspended, innermost first (the await
 *     each waits at); empty for a plain future or a task that is done or running
 * @param awaits what a suspended task waits for, followed down through tasks waiting for tasks;
 *     null when it waits for nothing
 * @param awaitedBy the graphs of the tasks and futures waiting for {@code future}, followed up
 */
public record CallGraph(Future<?> future, List<StackTraceElement> callStack, CallGraph awaits,
                        List<CallGraph> awaitedBy) {

    /**
     * The graph as {@link Asyncio#printCallGraph} prints it: the future, its call stack, then
     * what it awaits and who awaits it, indented one level per step.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        appendTo(text, "");
        return text.toString();
    }

    private void appendTo(StringBuilder text, String indent) {
        text.append(indent).append("* ").append(future).append('\n');
        if (!callStack.isEmpty()) {
            text.append(indent).append("  + Call stack:\n");
            for (StackTraceElement element : callStack) {
                text.append(indent).append("  |   at ").append(element).append('\n');
            }
        }
        if (awaits != null) {
            text.append(indent).append("  + Awaits:\n");
            awaits.appendTo(text, indent + "     ");
        }
        if (!awaitedBy.isEmpty()) {
            text.append(indent).append("  + Awaited by:\n");
            for (CallGraph waiter : awaitedBy) {
                waiter.appendTo(text, indent + "     ");
            }
        }
    }
}
