/**
 * jasyncio at compile time: the annotation processor that checks {@code @Async} methods and has
 * their class files rewritten, and the offline weaver.
 *
 * <h2>How a compilation goes</h2>
 * <ol>
 *   <li>{@link io.jasyncio.processor.AsyncProcessor} is initialized by javac (through IntelliJ's,
 *       Gradle's or kapt's wrappers: {@code JavacEnvironments}) and registers a javac task
 *       listener ({@code CompilationListener}). Under a compiler that is not javac, it reports
 *       every {@code @Async} method as {@link io.jasyncio.processor.Rule#NOT_JAVAC}.</li>
 *   <li>In its rounds it writes each top-level class's await-site table
 *       ({@code AwaitSiteTableWriter}): the source text of every await, for
 *       {@code Task.printStack()}.</li>
 *   <li>When javac has attributed a class, the listener checks its rules
 *       ({@code AsyncValidator}, {@code AsyncRuleScanner}, {@code AwaitPlacement}) and remembers
 *       where each {@code @Async} method is ({@code AsyncMethodTrees}), for later errors.</li>
 *   <li>When javac has written a class file, the listener has it rewritten
 *       ({@code ClassFileRewriter}, which calls
 *       {@link io.jasyncio.processor.transform.AsyncClassTransformer}) and written back, with one
 *       frame class per {@code @Async} method.</li>
 * </ol>
 * Every message starts with its {@link io.jasyncio.processor.Rule}'s id, and nothing thrown by
 * the checks or the rewrite reaches javac: it becomes an error on the class or method.
 * {@link io.jasyncio.processor.Weaver} runs the same rewrite on class files another compiler
 * wrote.
 */
package io.jasyncio.processor;
