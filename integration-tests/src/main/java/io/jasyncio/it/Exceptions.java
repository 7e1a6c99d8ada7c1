package io.jasyncio.it;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import java.util.List;

/**
 * try/catch/finally and try-with-resources with awaits in every block (javac copies a finally
 * block onto each way out of the try, so each copy holds its own await), nested tries,
 * rethrows, and failures of awaited futures, each next to the same logic run synchronously
 * where there is one to compare with.
 */
public class Exceptions {
    /** A checked exception, as a failed I/O operation would give. */
    public static class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message);
        }
    }

    /** Logs its opening and closing; its close fails when asked to. */
    public static final class Resource implements AutoCloseable {
        private final StringBuilder log;
        private final String name;
        private final boolean failOnClose;

        private Resource(StringBuilder log, String name, boolean failOnClose) {
            this.log = log;
            this.name = name;
            this.failOnClose = failOnClose;
        }

        public static Resource open(StringBuilder log, String name, boolean failOnClose) {
            log.append("open ").append(name).append(',');
            return new Resource(log, name, failOnClose);
        }

        @Override
        public void close() {
            log.append("close ").append(name).append(',');
            if (failOnClose) {
                throw new IllegalStateException("close " + name);
            }
        }
    }

    private final Futures futures;

    public Exceptions(Futures futures) {
        this.futures = futures;
    }

    private Future<Integer> f(int value) {
        return futures.of(value);
    }

    /** Odd n throws in the try; odd n above 4 also throws from the catch, through the finally. */
    @Async
    public Coroutine<String> tryCatchFinally(int n) {
        StringBuilder log = new StringBuilder();
        try {
            try {
                log.append("try ").append(await(f(n)));
                if (n % 2 == 1) {
                    throw new IllegalArgumentException("odd");
                }
                log.append(",even");
            } catch (IllegalArgumentException e) {
                log.append(",catch ").append(e.getMessage()).append(await(f(n * 10)));
                if (n > 4) {
                    throw new IllegalStateException("from catch " + n);
                }
            } finally {
                log.append(",finally ").append(await(f(n + 100)));
            }
        } catch (IllegalStateException e) {
            log.append(",outer ").append(e.getMessage()).append(await(f(-n)));
        }
        return result(log.toString());
    }

    public static String tryCatchFinallySync(int n) {
        StringBuilder log = new StringBuilder();
        try {
            try {
                log.append("try ").append(n);
                if (n % 2 == 1) {
                    throw new IllegalArgumentException("odd");
                }
                log.append(",even");
            } catch (IllegalArgumentException e) {
                log.append(",catch ").append(e.getMessage()).append(n * 10);
                if (n > 4) {
                    throw new IllegalStateException("from catch " + n);
                }
            } finally {
                log.append(",finally ").append(n + 100);
            }
        } catch (IllegalStateException e) {
            log.append(",outer ").append(e.getMessage()).append(-n);
        }
        return log.toString();
    }

    /** continue, break and return leave the try through their own copies of the finally block. */
    @Async
    public Coroutine<String> finallyOnEveryExit(List<Integer> values) {
        StringBuilder log = new StringBuilder();
        for (int v : values) {
            try {
                int w = await(f(v));
                if (w < 0) {
                    continue;
                }
                if (w == 0) {
                    break;
                }
                if (w > 100) {
                    // The value is computed before the finally block runs and awaits.
                    return result(log.append("return ").append(w).toString());
                }
                log.append(w);
            } finally {
                log.append(" finally ").append(await(f(v))).append(';');
            }
        }
        return result(log.append("end").toString());
    }

    public static String finallyOnEveryExitSync(List<Integer> values) {
        StringBuilder log = new StringBuilder();
        for (int v : values) {
            try {
                int w = v;
                if (w < 0) {
                    continue;
                }
                if (w == 0) {
                    break;
                }
                if (w > 100) {
                    return log.append("return ").append(w).toString();
                }
                log.append(w);
            } finally {
                log.append(" finally ").append(v).append(';');
            }
        }
        return log.append("end").toString();
    }

    /** Bit 0 of n: the body throws; bit 1: closing b fails; bit 2: resource c is null. */
    @Async
    public Coroutine<String> tryWithResources(int n) {
        StringBuilder log = new StringBuilder();
        try (Resource a = Resource.open(log, "a", false);
             Resource b = Resource.open(log, "b" + await(f(n)), (n & 2) != 0);
             Resource c = (n & 4) != 0 ? null : Resource.open(log, "c" + await(f(-n)), false)) {
            log.append("body ").append(await(f(n * 10))).append(',');
            if ((n & 1) != 0) {
                throw new IllegalArgumentException("body " + n);
            }
            log.append("done,");
        } catch (RuntimeException e) {
            log.append("caught ").append(e.getMessage());
            for (Throwable suppressed : e.getSuppressed()) {
                log.append(" suppressed ").append(suppressed.getMessage());
            }
            log.append(await(f(-1))).append(',');
        } finally {
            log.append("finally ").append(await(f(n + 100)));
        }
        return result(log.toString());
    }

    public static String tryWithResourcesSync(int n) {
        StringBuilder log = new StringBuilder();
        try (Resource a = Resource.open(log, "a", false);
             Resource b = Resource.open(log, "b" + n, (n & 2) != 0);
             Resource c = (n & 4) != 0 ? null : Resource.open(log, "c" + -n, false)) {
            log.append("body ").append(n * 10).append(',');
            if ((n & 1) != 0) {
                throw new IllegalArgumentException("body " + n);
            }
            log.append("done,");
        } catch (RuntimeException e) {
            log.append("caught ").append(e.getMessage());
            for (Throwable suppressed : e.getSuppressed()) {
                log.append(" suppressed ").append(suppressed.getMessage());
            }
            log.append(-1).append(',');
        } finally {
            log.append("finally ").append(n + 100);
        }
        return log.toString();
    }

    /** n % 3 picks the path: rethrown from the inner catch, wrapped by the middle one, or none. */
    @Async
    public Coroutine<String> nestedTries(int n) {
        StringBuilder log = new StringBuilder();
        try {
            try {
                try {
                    int v = await(f(n));
                    if (v % 3 == 0) {
                        throw new IllegalStateException("three " + v);
                    }
                    if (v % 3 == 1) {
                        throw new IllegalArgumentException("one " + v);
                    }
                    log.append("inner ok,");
                } catch (IllegalStateException e) {
                    log.append("inner catch,");
                    await(f(0));
                    throw e;
                } finally {
                    log.append("inner finally ").append(await(f(n))).append(',');
                }
                log.append("middle ok,");
            } catch (IllegalArgumentException e) {
                log.append("middle catch ").append(await(f(n + 1))).append(',');
                throw new UnsupportedOperationException("wrapped", e);
            }
        } catch (IllegalStateException e) {
            log.append("outer ").append(e.getMessage()).append(await(f(-n)));
        } catch (UnsupportedOperationException e) {
            log.append("outer ").append(e.getMessage()).append(' ').append(e.getCause().getMessage());
        }
        return result(log.toString());
    }

    public static String nestedTriesSync(int n) {
        StringBuilder log = new StringBuilder();
        try {
            try {
                try {
                    int v = n;
                    if (v % 3 == 0) {
                        throw new IllegalStateException("three " + v);
                    }
                    if (v % 3 == 1) {
                        throw new IllegalArgumentException("one " + v);
                    }
                    log.append("inner ok,");
                } catch (IllegalStateException e) {
                    log.append("inner catch,");
                    throw e;
                } finally {
                    log.append("inner finally ").append(n).append(',');
                }
                log.append("middle ok,");
            } catch (IllegalArgumentException e) {
                log.append("middle catch ").append(n + 1).append(',');
                throw new UnsupportedOperationException("wrapped", e);
            }
        } catch (IllegalStateException e) {
            log.append("outer ").append(e.getMessage()).append(-n);
        } catch (UnsupportedOperationException e) {
            log.append("outer ").append(e.getMessage()).append(' ').append(e.getCause().getMessage());
        }
        return log.toString();
    }

    /**
     * Catches what an awaited future failed with and goes on awaiting. The catch is of
     * Exception because {@code await} declares no checked exception, so javac rejects
     * {@code catch (Refused e)} around it.
     */
    @Async
    public Coroutine<Throwable> catchAwaitedFailure(Throwable error) {
        int before = await(f(1));
        try {
            await(futures.<Integer>failing(error));
            return result(null);
        } catch (Exception e) {
            int after = await(f(before + 1));
            return result(after == 2 ? e : null);
        }
    }

    /** Looks at what the awaited future failed with, then rethrows it as it is. */
    @Async
    public Coroutine<Integer> rethrowAwaitedFailure(Throwable error, StringBuilder log) {
        try {
            return result(await(futures.<Integer>failing(error)));
        } catch (Exception e) {
            log.append("seen ").append(e.getMessage());
            await(f(0));
            throw e;
        }
    }

    /** Lets an awaited failure pass through one coroutine into another, uncaught. */
    @Async
    public Coroutine<Integer> failureThroughTwoCoroutines(Throwable error) {
        return result(await(failAfterAwait(error)) * 2);
    }

    @Async
    private Coroutine<Integer> failAfterAwait(Throwable error) {
        int one = await(f(1));
        return result(await(futures.<Integer>failing(error)) + one);
    }

    /**
     * Throws an exception it creates after an await. {@code created} gets it, and a marker
     * made exactly two lines above it, so a test can check the line numbers kept.
     */
    @Async
    public Coroutine<Integer> throwAfterAwait(int n, List<Throwable> created) {
        Throwable marker = new Throwable("two lines above the throw");
        int v = await(f(n));
        IllegalStateException error = new IllegalStateException("after " + v);
        created.add(marker);
        created.add(error);
        throw error;
    }
}
