package io.jasyncio.benchmarks

import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.runBlocking

/** The Kotlin peers of GeneratorBenchmark: `flow { emit }` collected, on runBlocking's event loop. */
object KotlinFlow {
    /** As a Kotlin user writes it: the loop variable is an `Int`, so each value is boxed again for `emit`. */
    @JvmStatic
    fun sum(values: Array<Int>): Long = runBlocking {
        var sum = 0L
        flow { for (value in values) emit(value) }.collect { sum += it }
        sum
    }

    /** The same flow handing over the array's own boxes: nothing allocated per value. */
    @JvmStatic
    fun sumBoxedOnce(values: Array<Int>): Long = runBlocking {
        var sum = 0L
        flow {
            var i = 0
            while (i < values.size) {
                emit(values[i])
                i++
            }
        }.collect { sum += it }
        sum
    }
}
