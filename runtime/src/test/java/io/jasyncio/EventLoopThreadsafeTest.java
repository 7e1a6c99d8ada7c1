package io.jasyncio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * callSoonThreadsafe and stop() from other threads, on the real clock: a waiting loop is woken,
 * and nothing submitted is lost or run twice. Every test is bounded by a timeout, and every
 * thread it starts is joined.
 */
@Timeout(30)
class EventLoopThreadsafeTest extends LoopTestBase {

    @Override
    EventLoop newLoop() {
        return EventLoop.newEventLoop();
    }

    @Test
    void callSoonThreadsafeWakesALoopWaitingOnAFarTimer() {
        loop.callLater(3600, () -> {
            throw new AssertionError("the loop should have been woken long before");
        });
        Thread submitter = new Thread(() -> loop.callSoonThreadsafe(loop::stop));
        loop.callSoon(submitter::start);
        loop.runForever();
        EventLoopTest.join(submitter);
        assertFalse(loop.isRunning());
    }

    @Test
    void callSoonThreadsafeWakesALoopWithNothingScheduled() {
        List<String> ran = new ArrayList<>();
        Thread submitter = new Thread(() -> loop.callSoonThreadsafe(() -> {
            ran.add("woken");
            loop.stop();
        }));
        loop.callSoon(submitter::start);
        loop.runForever();
        EventLoopTest.join(submitter);
        assertEquals(List.of("woken"), ran);
    }

    @Test
    void stopFromAnotherThreadWakesTheLoop() {
        Thread stopper = new Thread(loop::stop);
        loop.callSoon(stopper::start);
        loop.runForever();
        EventLoopTest.join(stopper);
        assertFalse(loop.isRunning());
    }

    @Test
    void aCallbackSubmittedBeforeTheLoopRunsIsNotLost() {
        List<String> ran = new ArrayList<>();
        Thread submitter = new Thread(() -> loop.callSoonThreadsafe(() -> {
            ran.add("ran");
            loop.stop();
        }));
        submitter.start();
        EventLoopTest.join(submitter);
        loop.runForever();
        assertEquals(List.of("ran"), ran);
    }

    @Test
    void anIterationRunsReadyCallbacksThenThoseFromOtherThreadsThenDueTimers() {
        List<String> order = new ArrayList<>();
        loop.callLater(-1, () -> order.add("due timer"));
        loop.callSoon(() -> order.add("ready"));
        Thread submitter = new Thread(() -> {
            loop.callSoonThreadsafe(() -> order.add("from another thread 1"));
            loop.callSoonThreadsafe(() -> order.add("from another thread 2"));
        });
        submitter.start();
        EventLoopTest.join(submitter);
        loop.stop();
        loop.runForever();
        assertEquals(List.of("ready", "from another thread 1", "from another thread 2", "due timer"), order);
    }

    @Test
    void eightThreadsTimesAHundredThousandSubmissionsRunExactlyOnceInPerThreadOrder() throws Exception {
        int threads = 8;
        int perThread = 100_000;
        // Written only on the loop thread; read after runForever returns.
        int[] next = new int[threads];
        int[] outOfOrder = new int[threads];
        int[] total = {0};
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            producers.add(new Thread(() -> {
                awaitLatch(start);
                for (int i = 0; i < perThread; i++) {
                    int seq = i;
                    loop.callSoonThreadsafe(() -> {
                        if (next[thread] != seq) {
                            outOfOrder[thread]++;
                        }
                        next[thread] = seq + 1;
                        if (++total[0] == threads * perThread) {
                            loop.stop();
                        }
                    });
                }
            }, "producer-" + t));
        }
        producers.forEach(Thread::start);
        loop.callSoon(start::countDown);
        loop.runForever();
        for (Thread producer : producers) {
            producer.join();
        }
        // Anything run twice or lost would show in `total` after one more pass.
        loop.stop();
        loop.runForever();
        assertEquals(threads * perThread, total[0]);
        int[] all = new int[threads];
        java.util.Arrays.fill(all, perThread);
        assertArrayEquals(all, next);
        assertArrayEquals(new int[threads], outOfOrder);
        assertNoErrors();
    }

    @Test
    void aLoopThatSleepsBetweenSubmissionsIsWokenByEveryOne() throws Exception {
        // One submission at a time, each after the loop has run the previous one and is
        // lingering or back to waiting: 3,000 of them, past the queue's 1,024-slot chunks twice.
        int submissions = 3_000;
        java.util.concurrent.Semaphore ran = new java.util.concurrent.Semaphore(0);
        int[] count = {0};
        Thread submitter = new Thread(() -> {
            for (int i = 0; i < submissions; i++) {
                loop.callSoonThreadsafe(() -> {
                    count[0]++;
                    ran.release();
                });
                ran.acquireUninterruptibly();
            }
            loop.callSoonThreadsafe(loop::stop);
        });
        loop.callSoon(submitter::start);
        loop.runForever();
        submitter.join();
        assertEquals(submissions, count[0]);
        assertNoErrors();
    }

    @Test
    void burstsOfEverySizeRunInOrderWhateverTheLoopWasDoingWhenTheyCame() throws Exception {
        // Bursts of 1 to 2,000 callbacks, each after the last burst has run: they find the
        // loop lingering after its drain or asleep, and end in the middle of a 1,024-slot
        // chunk, at its edge or past it, so every way out of the linger is taken.
        java.util.concurrent.Semaphore burstRan = new java.util.concurrent.Semaphore(0);
        List<Integer> ran = new ArrayList<>();
        int[] expected = {0};
        Thread submitter = new Thread(() -> {
            int next = 0;
            for (int size = 1; size <= 2_000; size = size * 3 / 2 + 1) {
                for (int i = 0; i < size; i++) {
                    int n = next++;
                    loop.callSoonThreadsafe(() -> ran.add(n));
                }
                loop.callSoonThreadsafe(burstRan::release);
                burstRan.acquireUninterruptibly();
            }
            expected[0] = next;
            loop.callSoonThreadsafe(loop::stop);
        });
        loop.callSoon(submitter::start);
        loop.runForever();
        submitter.join();
        assertEquals(expected[0], ran.size());
        for (int i = 0; i < ran.size(); i++) {
            assertEquals(i, ran.get(i).intValue());
        }
        assertNoErrors();
    }

    @Test
    void runInExecutorDeliversTheResultOnTheLoopThread() {
        Thread[] ranOn = new Thread[2];
        Future<String> result = loop.createFuture();
        loop.callSoon(() -> {
            Future<String> call = loop.runInExecutor(null, () -> {
                ranOn[0] = Thread.currentThread();
                return "computed";
            });
            call.addDoneCallback(done -> {
                ranOn[1] = Thread.currentThread();
                result.setResult(done.result());
            });
        });
        assertEquals("computed", loop.runUntilComplete(result));
        assertTrue(ranOn[0].getName().startsWith("jasyncio-executor-"), ranOn[0].getName());
        assertEquals(Thread.currentThread(), ranOn[1]);
        loop.runUntilComplete(loop.shutdownDefaultExecutor());
    }

    /**
     * Eight threads submit until the loop refuses them while it runs, stops and closes: every
     * call that returned a handle either ran exactly once or reports cancelled, every call that
     * threw never runs, and no call begun after close() returned is accepted.
     */
    @Test
    void submissionsRacingStopAndCloseRunOnceOrReportCancelledOrThrow() throws Exception {
        int threads = 8;
        // A producer that pushes this many before the loop closes waits for close() and then
        // pushes once more, so every producer ends on the closed loop however it is scheduled.
        int pushesBeforeWaiting = 200_000;
        int pushesBeforeStop = 20_000; // then producer 0 stops the loop, and close() follows
        // Loop thread only, then read after every producer is joined.
        java.util.Map<Long, Integer> runs = new java.util.HashMap<>();
        java.util.concurrent.atomic.AtomicBoolean closeReturned = new java.util.concurrent.atomic.AtomicBoolean();
        CountDownLatch loopClosed = new CountDownLatch(1);
        List<List<Handle>> accepted = new ArrayList<>();
        long[] refusedId = new long[threads];
        int[] acceptedAfterClose = new int[threads];
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            List<Handle> mine = new ArrayList<>();
            accepted.add(mine);
            refusedId[t] = -1;
            producers.add(new Thread(() -> {
                awaitLatch(start);
                for (int i = 0; i <= pushesBeforeWaiting; i++) {
                    if (i == pushesBeforeWaiting) {
                        awaitLatch(loopClosed);
                    }
                    long id = (long) thread << 32 | i;
                    boolean afterClose = closeReturned.get();
                    try {
                        mine.add(loop.callSoonThreadsafe(() -> runs.merge(id, 1, Integer::sum)));
                    } catch (IllegalStateException closed) {
                        assertEquals("Event loop is closed", closed.getMessage());
                        refusedId[thread] = id;
                        return;
                    }
                    if (afterClose) {
                        acceptedAfterClose[thread]++;
                    }
                    if (thread == 0 && i == pushesBeforeStop) {
                        loop.stop();
                    }
                }
            }, "producer-" + t));
        }
        producers.forEach(Thread::start);
        loop.callSoon(start::countDown);
        loop.runForever();
        loop.close();
        closeReturned.set(true);
        loopClosed.countDown();
        for (Thread producer : producers) {
            producer.join();
        }
        assertArrayEquals(new int[threads], acceptedAfterClose);
        for (int t = 0; t < threads; t++) {
            assertTrue(refusedId[t] >= 0, "producer " + t + " never met the closed loop");
            assertEquals(null, runs.get(refusedId[t]), "a refused call ran");
            List<Handle> mine = accepted.get(t);
            for (int i = 0; i < mine.size(); i++) {
                Integer count = runs.get((long) t << 32 | i);
                boolean cancelled = mine.get(i).cancelled();
                if (count == null ? !cancelled : count != 1 || cancelled) {
                    throw new AssertionError("producer " + t + " call " + i + ": ran " + count
                            + " times, cancelled " + cancelled);
                }
            }
        }
        assertNoErrors();
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(20, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new AssertionError("waited 20 s for a latch");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
