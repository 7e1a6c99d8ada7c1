package io.jasyncio.benchmarks

import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.runBlocking

/** The Kotlin peer of GeneratorBenchmark: `flow { emit }` collected, on runBlocking's event loop. */
object KotlinFlow {
    @JvmStatic
    fun sum(values: Array<Int>): Long = runBlocking {
        var sum = 0L
        flow { for (value in values) emit(value) }.collect { sum += it }
        sum
    }
}
