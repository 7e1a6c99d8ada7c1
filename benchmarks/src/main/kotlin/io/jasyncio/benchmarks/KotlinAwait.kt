package io.jasyncio.benchmarks

import kotlin.coroutines.ContinuationInterceptor
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.runBlocking

/**
 * The Kotlin coroutines peer of AwaitPendingBenchmark: n times, create a CompletableDeferred,
 * dispatch a runnable on the coroutine's own single-threaded dispatcher that completes it
 * (Kotlin's callSoon), and await it.
 */
object KotlinAwait {
    /** On runBlocking's event loop, which runs on the calling thread (as runUntilComplete does). */
    @JvmStatic
    fun onRunBlocking(n: Int): Long = runBlocking { awaitPending(n) }

    /** On [dispatcher] (a single-thread executor's); the calling thread blocks until the end. */
    @JvmStatic
    fun onDispatcher(dispatcher: CoroutineDispatcher, n: Int): Long = runBlocking(dispatcher) { awaitPending(n) }

    private suspend fun awaitPending(n: Int): Long {
        val context = currentCoroutineContext()
        val dispatcher = context[ContinuationInterceptor] as CoroutineDispatcher
        val completer = Completer()
        var sum = 0L
        for (i in 0 until n) {
            val deferred = CompletableDeferred<Int>()
            completer.deferred = deferred
            completer.value = i
            dispatcher.dispatch(context, completer)
            sum += deferred.await()
        }
        return sum
    }

    /** Completes the current iteration's deferred with the current value; one for all iterations. */
    private class Completer : Runnable {
        var deferred: CompletableDeferred<Int>? = null
        var value = 0

        override fun run() {
            deferred!!.complete(value)
        }
    }
}
