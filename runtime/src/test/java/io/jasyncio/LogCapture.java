package io.jasyncio;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what a java.util.logging logger (System.Logger's default backend) publishes from the
 * thread that made the capture: the tests' loops run there, while a report from the cleaner's
 * thread about a coroutine another test dropped may come at any moment.
 */
final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger;
    private final boolean parentHandlers;
    private final List<LogRecord> records = new ArrayList<>();
    private final long thread = Thread.currentThread().getId();

    private LogCapture(Logger logger) {
        this.logger = logger;
        this.parentHandlers = logger.getUseParentHandlers();
        logger.setUseParentHandlers(false);
        logger.addHandler(this);
        setLevel(Level.ALL);
    }

    static LogCapture of(String name) {
        return new LogCapture(Logger.getLogger(name));
    }

    synchronized List<LogRecord> records() {
        return new ArrayList<>(records);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (record.getLongThreadID() == thread) {
            records.add(record);
        }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setUseParentHandlers(parentHandlers);
    }
}
