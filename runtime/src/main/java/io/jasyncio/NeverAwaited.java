package io.jasyncio;

import io.jasyncio.internal.CoroutineFrame;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Debug mode's watch on coroutines created and never awaited (asyncio's "coroutine ... was
 * never awaited"): each frame created on a loop in debug mode (or outside any running loop)
 * once this is installed remembers where it was created,
 * and one that is collected, or still not started when the loop it was created on closes, is
 * reported once through that loop's exception handler with its creation site.
 *
 * <p>Installed the first time a loop enters debug mode, for the rest of the JVM's life; before
 * that, frames pay nothing for it (see {@link CoroutineFrame#watchLives}).
 */
final class NeverAwaited implements CoroutineFrame.LifeWatch {
    static final NeverAwaited INSTANCE = new NeverAwaited();

    private static volatile boolean installed;

    private final Map<CoroutineFrame<?>, Watch> watches = Collections.synchronizedMap(new WeakHashMap<>());

    private NeverAwaited() {}

    /** Starts watching every coroutine created from now on. */
    static void install() {
        if (!installed) {
            installed = true;
            CoroutineFrame.watchLives(INSTANCE);
        }
    }

    @Override
    public void created(CoroutineFrame<?> frame) {
        EventLoop loop = EventLoop.running();
        if (loop != null && !loop.getDebug()) {
            return;  // created on a loop out of debug mode
        }
        Watch watch = new Watch(loop, name(frame), CreationSites.here(1));
        watches.put(frame, watch);
        watch.watch(frame);
    }

    @Override
    public void started(CoroutineFrame<?> frame) {
        Watch watch = watches.remove(frame);
        if (watch != null) {
            watch.dismiss();
        }
    }

    /** Reports the coroutines created on {@code loop} that nothing has started: it is closing. */
    static void loopClosing(EventLoop loop) {
        if (!installed) {
            return;
        }
        List<Watch> unstarted = new ArrayList<>();
        synchronized (INSTANCE.watches) {
            for (Watch watch : INSTANCE.watches.values()) {
                if (watch.loop == loop) {
                    unstarted.add(watch);
                }
            }
        }
        for (Watch watch : unstarted) {
            watch.reportAtClose();
        }
    }

    /** {@code Host.m} from a frame's {@code <coroutine Host.m>}. */
    private static String name(CoroutineFrame<?> frame) {
        String text = frame.toString();
        return text.startsWith("<coroutine ") && text.endsWith(">") ? text.substring(11, text.length() - 1) : text;
    }

    /** One coroutine's creation: dismissed when it starts, else reported when collected or at close. */
    private static final class Watch extends LeftUndone {
        private final String coroutine;
        private final CreationSites.Site createdAt;

        Watch(EventLoop loop, String coroutine, CreationSites.Site createdAt) {
            super(loop);
            this.coroutine = coroutine;
            this.createdAt = createdAt;
        }

        @Override
        ExceptionContext context() {
            List<StackTraceElement> site = createdAt.userFrames();
            return ExceptionContext.of("coroutine " + coroutine + " was never awaited")
                    .with("created_at", site.isEmpty() ? "unknown" : site.get(0))
                    .with("source_traceback", site);
        }
    }
}
