package io.jasyncio.it;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;

/**
 * if/else chains, ternaries and boolean short-circuits with awaits in their conditions and
 * arms, each next to the same logic run synchronously. The short-circuit methods log every
 * operand they evaluate, so skipping the right side of {@code &&}/{@code ||} is checked too.
 */
public class Branches {
    private final Futures futures;

    public Branches(Futures futures) {
        this.futures = futures;
    }

    private Future<Integer> f(int value) {
        return futures.of(value);
    }

    /** Logs the operand, then gives it through a future. */
    private Future<Boolean> flag(StringBuilder log, boolean value) {
        log.append(value ? 'T' : 'F');
        return futures.of(value);
    }

    private static boolean flagSync(StringBuilder log, boolean value) {
        log.append(value ? 'T' : 'F');
        return value;
    }

    @Async
    public Coroutine<String> ifElseChain(int n) {
        String kind;
        if (await(f(n)) < 0) {
            kind = "negative";
        } else if (await(f(n)) == 0) {
            kind = "zero";
        } else if (await(f(n % 2)) == 0) {
            int half = await(f(n / 2));
            kind = "even, half " + half;
        } else if (n > 100) {
            kind = "big odd";
        } else {
            kind = "odd";
            if (await(f(n % 3)) == 0) {
                kind += ", multiple of 3";
            }
        }
        return result(n + ": " + kind);
    }

    public static String ifElseChainSync(int n) {
        String kind;
        if (n < 0) {
            kind = "negative";
        } else if (n == 0) {
            kind = "zero";
        } else if (n % 2 == 0) {
            int half = n / 2;
            kind = "even, half " + half;
        } else if (n > 100) {
            kind = "big odd";
        } else {
            kind = "odd";
            if (n % 3 == 0) {
                kind += ", multiple of 3";
            }
        }
        return n + ": " + kind;
    }

    @Async
    public Coroutine<String> ternaries(int a, int b) {
        int max = a > b ? await(f(a)) : await(f(b));
        // Nested ternaries, and a negation applied to an awaited arm.
        int nested = a > 0 ? (b > 0 ? await(f(a + b)) : await(f(a - b))) : -await(f(b));
        // Awaits in the condition itself, and an arm without any.
        int compared = await(f(a)) > await(f(b)) ? 1 : a == b ? 0 : await(f(-1));
        // A ternary as a call argument, with the receiver and a first argument on the stack.
        String text = String.join("/", "x", a % 2 == 0 ? "even" + await(f(a)) : "odd");
        return result(max + "," + nested + "," + compared + "," + text);
    }

    public static String ternariesSync(int a, int b) {
        int max = a > b ? a : b;
        int nested = a > 0 ? (b > 0 ? a + b : a - b) : -b;
        int compared = a > b ? 1 : a == b ? 0 : -1;
        String text = String.join("/", "x", a % 2 == 0 ? "even" + a : "odd");
        return max + "," + nested + "," + compared + "," + text;
    }

    @Async
    public Coroutine<String> shortCircuits(int a, int b) {
        StringBuilder log = new StringBuilder();
        boolean and = a > 0 && await(flag(log, b > 0));
        log.append('|');
        boolean or = a > 0 || await(flag(log, b > 0));
        log.append('|');
        boolean mixed = await(flag(log, a > b)) && await(flag(log, a != 0)) || await(flag(log, b == 0));
        log.append('|');
        boolean negated = !(await(flag(log, a == b)) || b < 0);
        log.append('|');
        String branch;
        if (a < b && await(flag(log, a % 2 == 0)) || await(flag(log, b % 3 == 0))) {
            branch = "taken";
        } else {
            branch = "skipped";
        }
        return result(and + "," + or + "," + mixed + "," + negated + "," + branch + " " + log);
    }

    public static String shortCircuitsSync(int a, int b) {
        StringBuilder log = new StringBuilder();
        boolean and = a > 0 && flagSync(log, b > 0);
        log.append('|');
        boolean or = a > 0 || flagSync(log, b > 0);
        log.append('|');
        boolean mixed = flagSync(log, a > b) && flagSync(log, a != 0) || flagSync(log, b == 0);
        log.append('|');
        boolean negated = !(flagSync(log, a == b) || b < 0);
        log.append('|');
        String branch;
        if (a < b && flagSync(log, a % 2 == 0) || flagSync(log, b % 3 == 0)) {
            branch = "taken";
        } else {
            branch = "skipped";
        }
        return and + "," + or + "," + mixed + "," + negated + "," + branch + " " + log;
    }
}
