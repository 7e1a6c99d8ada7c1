/**
 * The bytecode pass: rewrites an {@code @Async} method of a class file into a resumable state
 * machine. {@link io.jasyncio.processor.transform.AsyncClassTransformer} reads the class, runs
 * these phases on each {@code @Async} method (and on each lambda or anonymous-class method
 * that returns a coroutine and awaits), in this order, and writes the class back with one
 * frame class per method; each phase is a class of its own.
 *
 * <ol>
 *   <li>{@code AsyncClose}: each {@code close()} the compiler wrote for a try-with-resources
 *       block on an {@code AsyncCloseable} becomes an await of {@code aclose()}.
 *       {@link io.jasyncio.processor.transform.AsyncCloseSites} says where: the processor
 *       from the source, the weaver and the agent from the bytecode's shape
 *       ({@code TryWithResourcesCloses}) and the class files
 *       ({@link io.jasyncio.processor.transform.AsyncCloseableClasses}). Hands on: the method,
 *       so edited.</li>
 *   <li>{@code PostponeNew}: moves a constructor call's {@code NEW; DUP} (and javac's spills of
 *       them to locals) past the awaits among its arguments, so that no unfinished object is
 *       alive at an await. Hands on: the method, so edited.</li>
 *   <li>{@code AwaitSiteAnalysis}: finds the suspension points (each {@code await}, and each
 *       {@code return} of a coroutine) with the verifier types of the locals and stack there,
 *       replaying javac's stack map frames. Hands on: the {@code AwaitSite}s, numbered.</li>
 *   <li>{@code LivenessAnalysis} (over {@code ControlFlowEdges}): which locals each site must
 *       keep, those read after it before being written. Hands on: each site's kept locals.</li>
 *   <li>{@code KeepLocalsInScope}, only with {@code -Ajasyncio.debug=true}: keeps every local
 *       in scope at a site as well, for the debugger.</li>
 *   <li>{@code FrameLayout}: the frame's fields, one per kept value, each of its value's
 *       type, shared between sites by values of one type. Hands on: the layout.</li>
 *   <li>{@code LocalScopes}: trims the local variable table where a local is not kept, so a
 *       debugger never shows a stale value as current.</li>
 *   <li>{@code MethodRewriter}: the method becomes a stub that creates the frame, and a body
 *       method that saves to and restores from the frame around each site and dispatches on
 *       the resume label. Hands on: the body method.</li>
 *   <li>{@code FrameClassGenerator}: the frame class, a {@code CoroutineFrame} whose
 *       {@code resume} calls the body, with the fields of the layout and the line of each
 *       label.</li>
 *   <li>{@code Verification}: ASM's checks of the classes written, so that a mistake is a
 *       compile error naming the method, not a {@code VerifyError} at run time.</li>
 * </ol>
 * A method a phase cannot handle is refused with a
 * {@link io.jasyncio.processor.transform.TransformException} naming it; the other methods of
 * the class are still tried, so that all of them are reported.
 */
package io.jasyncio.processor.transform;
