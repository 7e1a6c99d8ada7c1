package io.jasyncio;

import java.util.function.Consumer;

/** A future's done callback, queued on the loop once the future is done. */
final class DoneCallbackHandle<T> extends Handle {
    private final Future<T> future;
    private final Consumer<? super Future<T>> callback;

    DoneCallbackHandle(Future<T> future, Consumer<? super Future<T>> callback) {
        super(null);
        this.future = future;
        this.callback = callback;
    }

    @Override
    void run() {
        callback.accept(future);
    }

    @Override
    String describeCallback() {
        return callback + "(" + future + ")";
    }
}
