package io.jasyncio.processor.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Generates the random programs of {@link DifferentialTest}. A program is a class with a main
 * method and a few helper methods, built once as a tree and rendered twice: as
 * {@code @Async} methods, where an awaited value is {@code await(src.i(v))} and a call of
 * another generated method is {@code await(m1(src, ...))}, and as plain synchronous methods
 * (the reference), where the same value is just {@code v} and the call is direct.
 *
 * <p>The grammar: int, long, float, double, String (also null), boolean (and byte/char/short
 * read as int) locals, parameters and fields, int/long/double arrays; arithmetic, shifts,
 * casts, comparisons, short-circuit conditions, ternaries, string concatenation, calls with
 * several arguments (static and on {@code this}), varargs, array initialisers, generic calls,
 * constructor calls, lambdas and anonymous classes (which capture, never await), switch
 * expressions, assignments as values (locals, fields, array elements); if/else,
 * for/while/do/for-each loops with small bounded trip counts, labelled blocks, break and
 * continue, switch statements (old with fallthrough, arrow, on strings and enums),
 * try/catch/finally and try-with-resources, throw and rethrow, early returns, returns inside
 * finally, tail calls ({@code return m1(src, ...)}); async generators ({@code await(emit(v))}
 * and {@code return end()}, whose synchronous form hands each value to a
 * {@link FutureSource.Sink}), drained by a {@code hasNext}/{@code next} loop or closed after a
 * few values by try-with-resources. Awaits (of done and pending futures,
 * coroutines, tasks, CompletionStages, failing futures, and of the other generated methods)
 * go anywhere an expression goes, so they often have other operands already on the stack.
 * Helpers only call helpers with a lower number: no recursion.
 *
 * <p>Everything is deterministic given the seed, and every generated program terminates.
 */
final class RandomProgramGenerator {

    /**
     * What the generator may emit. A transform bug not fixed yet is kept out of the default
     * run by turning its construct off here (and the flag documents it).
     */
    static final class Features {
        /** {@code a / b} and {@code a % b} that may throw ArithmeticException (besides safe ones). */
        boolean rawDivision = true;
        boolean switchExpressions = true;
        /**
         * A {@code try} inside a switch expression. Off: javac 17 and 25 crash on one while a
         * long or double is on the operand stack (not ours to fix, see DESIGN.md).
         */
        boolean tryInSwitchExpressions = false;
        boolean tryWithResources = true;
        /**
         * try-with-resources on an {@code AsyncCloseable} in the asynchronous form (its close
         * awaited, and failing as the synchronous form's {@code Res} does).
         */
        boolean asyncClose = true;
        /**
         * Helpers that are async generators, and their consumers. A generator a consumer may
         * close early emits only where no catch clause of its own encloses the emit and never in
         * a finally block, and has no jump in a finally block: its close then ends it the way the
         * synchronous form's {@link FutureSource.Stop} does, with the same finally blocks run.
         */
        boolean generators = true;
        boolean lambdas = true;
        boolean anonymousClasses = true;
        /** {@code await(CompletionStage)}. */
        boolean stageAwaits = true;
        /** Awaits of futures that fail with an exception. */
        boolean failingAwaits = true;
        /** {@code return m1(src, ...);}: a coroutine returned for its value. */
        boolean tailCalls = true;
        /**
         * {@code return m1(src, ...);} inside a try statement (its block, a catch or the finally).
         * The synchronous reading runs m1 inside the try: its exception reaches the catch
         * clauses, its side effects come before the finally block. The transform awaits the
         * returned coroutine only at the method's final {@code ARETURN}, after javac's inlined
         * finally code and outside the try's exception ranges: m1's exception would escape the
         * catch clauses and m1 would run after the finally block. The processor therefore rejects
         * it with a compile error on the line (write return result(await(m1(...))) instead), so
         * it stays off: turning it on checks that rejection, not the transform.
         */
        boolean tailCallsInTry = false;
        /** break, continue and return inside finally blocks. */
        boolean jumpsInFinally = true;
        /** Instance fields, read and assigned (also compound, with awaits on the right). */
        boolean fields = true;
        /** byte, char and short locals. */
        boolean narrowLocals = true;
        boolean floats = true;
        /** Assignments used as values: {@code a + (x += await(...))}. */
        boolean assignmentExpressions = true;
        /**
         * Awaits inside the arguments of a constructor call ({@code new Foo(await(x))}): known
         * limitation of the transform, so off; the generator calls factories instead.
         */
        boolean awaitInConstructorArguments = false;
    }

    enum T {
        INT("int", "Integer", "i", "I"),
        LONG("long", "Long", "l", "L"),
        FLOAT("float", "Float", "f", "F"),
        DOUBLE("double", "Double", "d", "D"),
        STR("String", "String", "s", "S"),
        BOOL("boolean", "Boolean", "z", "Z"),
        VOID("void", "Void", null, null);

        final String prim;
        final String boxed;
        final String src;
        final String suffix;

        T(String prim, String boxed, String src, String suffix) {
            this.prim = prim;
            this.boxed = boxed;
            this.src = src;
            this.suffix = suffix;
        }
    }

    /** The package of the generated classes. */
    static final String PACKAGE = "gen";

    private static final T[] VALUE_TYPES = {T.INT, T.LONG, T.FLOAT, T.DOUBLE, T.STR, T.BOOL};

    // ---- the tree: expressions and statements render themselves in either form ---------------

    /** An expression, rendered as the async ({@code true}) or the synchronous form. */
    interface E {
        String r(boolean async);
    }

    /** A statement, rendered as lines. */
    interface S {
        void r(Out out, boolean async);
    }

    /** Where statements are rendered: indented lines, or one line (inside an expression). */
    static final class Out {
        final StringBuilder text = new StringBuilder();
        final boolean oneLine;
        int indent;

        Out(int indent, boolean oneLine) {
            this.indent = indent;
            this.oneLine = oneLine;
        }

        void line(String line) {
            if (oneLine) {
                text.append(line).append(' ');
            } else {
                text.append("    ".repeat(indent)).append(line).append('\n');
            }
        }
    }

    static E seq(Object... parts) {
        return async -> {
            StringBuilder sb = new StringBuilder();
            for (Object part : parts) {
                sb.append(part instanceof E e ? e.r(async) : String.valueOf(part));
            }
            return sb.toString();
        };
    }

    static E both(E asyncForm, E syncForm) {
        return async -> async ? asyncForm.r(true) : syncForm.r(false);
    }

    static S line(Object... parts) {
        E e = seq(parts);
        return (out, async) -> out.line(e.r(async));
    }

    static S both(S asyncForm, S syncForm) {
        return (out, async) -> (async ? asyncForm : syncForm).r(out, async);
    }

    /** Lines ({@code E} or {@code String}) and indented bodies ({@code List<S>}). */
    static S compound(Object... parts) {
        return (out, async) -> {
            for (Object part : parts) {
                if (part instanceof List<?> body) {
                    out.indent++;
                    for (Object s : body) {
                        ((S) s).r(out, async);
                    }
                    out.indent--;
                } else if (part instanceof S s) {
                    s.r(out, async);
                } else {
                    out.line(part instanceof E e ? e.r(async) : String.valueOf(part));
                }
            }
        };
    }

    /** Statements inside an expression (a switch expression's arm): on one line. */
    static E inline(List<S> body) {
        return async -> {
            Out out = new Out(0, true);
            for (S s : body) {
                s.r(out, async);
            }
            return out.text.toString();
        };
    }

    // ---- programs --------------------------------------------------------------------------

    /**
     * A variable as the generator sees it: how to read it, whether it may be assigned. An array
     * ({@code element} not null) reads as {@code Arrays.toString(a)}; its elements are assigned.
     */
    record Var(String name, T type, String read, boolean assignable, boolean isFinal, String narrow, T element) {
        Var(String name, T type, String read, boolean assignable, boolean isFinal, String narrow) {
            this(name, type, read, assignable, isFinal, narrow, null);
        }
    }

    static final class MethodDef {
        final int index;
        final String name;
        final T ret;
        final boolean isStatic;
        /** An async generator (its {@code ret} is VOID); its sync form hands values to a sink. */
        boolean generator;
        /** A generator that a consumer may close early (see {@link Features#generators}). */
        boolean closable;
        final List<T> paramTypes = new ArrayList<>();
        final List<String> paramNames = new ArrayList<>();
        List<S> body;

        MethodDef(int index, String name, T ret, boolean isStatic) {
            this.index = index;
            this.name = name;
            this.ret = ret;
            this.isStatic = isStatic;
        }

        boolean isMain() {
            return name.equals("run");
        }

        void render(Out out, boolean async) {
            StringBuilder header = new StringBuilder();
            if (async) {
                out.line("@Async");
            }
            header.append("public ").append(isStatic ? "static " : "");
            if (generator) {
                header.append(async ? "AsyncGenerator<Integer>" : "void").append(' ');
            } else {
                header.append(async ? "Coroutine<" + ret.boxed + ">" : ret.prim).append(' ');
            }
            header.append(async ? name : name + "Sync").append('(');
            List<String> params = new ArrayList<>();
            if (async) {
                params.add("FutureSource src");
            } else if (generator) {
                params.add("FutureSource.Sink sink");
            }
            for (int i = 0; i < paramTypes.size(); i++) {
                params.add(paramTypes.get(i).prim + " " + paramNames.get(i));
            }
            header.append(String.join(", ", params)).append(") {");
            out.line(header.toString());
            out.indent++;
            for (S s : body) {
                s.r(out, async);
            }
            out.indent--;
            out.line("}");
        }
    }

    /**
     * One generated program: class {@code gen.P<index>}, a compilation unit of its own (the
     * processor's cost grows with the size of a compilation unit), with {@code run}/{@code runSync}
     * and the helpers.
     */
    static final class Program {
        final long seed;
        final int index;
        final String className;
        final List<MethodDef> methods = new ArrayList<>();
        /** The arguments of {@code run}: an int, a long, a double and a String. */
        final Object[] args;
        final boolean mainIsStatic;
        /** How many times each construct was generated (a coverage summary). */
        final Map<String, Integer> constructs = new TreeMap<>();

        Program(long seed, int index, Object[] args, boolean mainIsStatic) {
            this.seed = seed;
            this.index = index;
            this.className = "P" + index;
            this.args = args;
            this.mainIsStatic = mainIsStatic;
        }

        /** The program's compilation unit, {@code PACKAGE.P<index>}: both forms of every method. */
        String source() {
            Out out = new Out(0, false);
            out.line("package " + PACKAGE + ";");
            out.line("");
            out.line("import static io.jasyncio.Asyncio.await;");
            out.line("import static io.jasyncio.Asyncio.emit;");
            out.line("import static io.jasyncio.Asyncio.end;");
            out.line("import static io.jasyncio.Asyncio.result;");
            out.line("");
            out.line("import io.jasyncio.Async;");
            out.line("import io.jasyncio.AsyncGenerator;");
            out.line("import io.jasyncio.Coroutine;");
            out.line("import io.jasyncio.processor.transform.FutureSource;");
            out.line("");
            out.line("public final class " + className + " {");
            out.indent++;
            out.line("int acc;");
            out.line("long lacc = 3L;");
            out.line("final int base = " + (index % 7 + 2) + ";");
            out.line("");
            out.line("int inst(int a, int b) {");
            out.line("    return a * base - b;");
            out.line("}");
            for (MethodDef m : methods) {
                out.line("");
                m.render(out, true);
                out.line("");
                m.render(out, false);
            }
            out.indent--;
            out.line("}");
            return out.text.toString();
        }

        String qualifiedName() {
            return PACKAGE + "." + className;
        }
    }

    // ---- generation ------------------------------------------------------------------------

    private final Features features;
    private Random random;
    private Program program;
    private MethodDef method;
    private Ctx ctx;
    private int names;

    RandomProgramGenerator(Features features) {
        this.features = features;
    }

    /** The generation context of the statement or expression being built. */
    private static final class Ctx {
        final List<Var> vars = new ArrayList<>();
        /** The product of the trip bounds of the enclosing loops. */
        int trips = 1;
        /** Labels of enclosing loops (continue/break targets) and labelled blocks (break only). */
        List<String> loopLabels = new ArrayList<>();
        List<String> blockLabels = new ArrayList<>();
        /** Unlabelled break allowed (in a loop or switch statement), unlabelled continue allowed. */
        boolean canBreak;
        boolean canContinue;
        /** No jump out of here (a switch expression's arm): no break, continue, return. */
        boolean canReturn = true;
        boolean canTry = true;
        int depth;
        int helperCalls;
        /** Inside a switch expression (they do not nest), or where no await may go. */
        boolean inSwitchExpr;
        boolean noAwait;
        boolean inFinally;
        /** Inside a try block whose catch clauses take a Boom / an ArithmeticException. */
        boolean catchesBoom;
        boolean catchesArithmetic;
        /** How many try statements enclose the code (in their block, a catch or the finally). */
        int tryDepth;

        /** Where code may jump and how deep it nests, as it is now: for {@link #restore}. */
        record Scope(boolean canBreak, boolean canContinue, boolean canReturn, boolean canTry,
                List<String> loopLabels, List<String> blockLabels, int depth, boolean inFinally,
                boolean inSwitchExpr) {}

        Scope save() {
            return new Scope(canBreak, canContinue, canReturn, canTry, loopLabels, blockLabels, depth, inFinally,
                    inSwitchExpr);
        }

        void restore(Scope scope) {
            canBreak = scope.canBreak();
            canContinue = scope.canContinue();
            canReturn = scope.canReturn();
            canTry = scope.canTry();
            loopLabels = scope.loopLabels();
            blockLabels = scope.blockLabels();
            depth = scope.depth();
            inFinally = scope.inFinally();
            inSwitchExpr = scope.inSwitchExpr();
        }

        /** No break, continue or return out of the code generated next. */
        void noJumpsOut() {
            canBreak = false;
            canContinue = false;
            canReturn = false;
            loopLabels = new ArrayList<>();
            blockLabels = new ArrayList<>();
        }
    }

    /**
     * The program of {@code seed}: deterministic. A program whose source comes out larger than
     * {@link #MAX_SOURCE} characters is drawn again (from the same random sequence), so that
     * compilation stays fast and no method nears the JVM's 64 KiB code limit.
     */
    Program generate(long seed, int index) {
        random = new Random(seed);
        while (true) {
            Program p = attempt(seed, index);
            if (p.source().length() <= MAX_SOURCE) {
                return p;
            }
        }
    }

    static final int MAX_SOURCE = 9_500;

    private Program attempt(long seed, int index) {
        names = 0;
        boolean mainIsStatic = random.nextBoolean();
        Object[] args = {
            random.nextInt(41) - 20,
            random.nextBoolean() ? (long) random.nextInt(1000) : random.nextLong(),
            Math.round(random.nextDouble() * 400 - 200) / 8.0,
            "s" + random.nextInt(100)
        };
        program = new Program(seed, index, args, mainIsStatic);
        int helpers = 1 + random.nextInt(3);
        for (int i = 0; i < helpers; i++) {
            T ret = pickOf(T.INT, T.LONG, T.DOUBLE, T.STR, T.STR, T.STR, T.VOID);
            boolean isStatic = mainIsStatic || random.nextBoolean();
            boolean generator = features.generators && random.nextInt(3) == 0;
            MethodDef m = new MethodDef(i, (generator ? "g" : "m") + i, generator ? T.VOID : ret, isStatic);
            if (generator) {
                count("async generator");
                m.generator = true;
                m.closable = random.nextBoolean();
            }
            int params = random.nextInt(6);
            for (int p = 0; p < params; p++) {
                m.paramTypes.add(valueType());
                m.paramNames.add("p" + p);
            }
            program.methods.add(m);
            m.body = body(m);
        }
        MethodDef main = new MethodDef(helpers, "run", T.STR, mainIsStatic);
        main.paramTypes.addAll(List.of(T.INT, T.LONG, T.DOUBLE, T.STR));
        main.paramNames.addAll(List.of("a", "b", "c", "d"));
        program.methods.add(main);
        main.body = body(main);
        return program;
    }

    private List<S> body(MethodDef m) {
        method = m;
        ctx = new Ctx();
        names = 0;
        for (int i = 0; i < m.paramTypes.size(); i++) {
            ctx.vars.add(new Var(m.paramNames.get(i), m.paramTypes.get(i), m.paramNames.get(i), true, false, null));
        }
        if (!m.isStatic && features.fields) {
            ctx.vars.add(new Var("this.acc", T.INT, "this.acc", true, false, null));
            ctx.vars.add(new Var("lacc", T.LONG, "lacc", true, false, null));
        }
        List<S> body = new ArrayList<>();
        body.add(line("long tr = ", ctx.vars.size(), "L;"));
        Var trace = new Var("tr", T.LONG, "tr", false, false, null);
        ctx.vars.add(trace);
        int count = m.isMain() ? 4 + random.nextInt(7) : 2 + random.nextInt(4);
        int throwAt = m.isMain() || random.nextBoolean() ? -1 : random.nextInt(count);
        for (int i = 0; i < count; i++) {
            if (i == throwAt) {
                // Helpers fail now and then, for the callers' catch clauses.
                body.add(line("if (", rareCondition(), ") throw FutureSource.boom(\"", m.name, "\" + ", expr(T.INT, 1), ");"));
            }
            statement(body);
        }
        if (m.generator) {
            body.add(emitStatement()); // every generator emits at least once
        }
        body.add(finalReturn(m));
        return body;
    }

    /** The method's last statement: a digest of every variable in scope, or a tail call. */
    private S finalReturn(MethodDef m) {
        if (features.tailCalls && !m.generator && random.nextInt(6) == 0 && canCallHelper(m.ret)) {
            count("tail call at the end");
            MethodDef callee = callee(m.ret);
            E args = arguments(callee);
            ctx.helperCalls++;
            if (m.ret == T.VOID) {
                return both(line("return ", callee.name, "(src", args, ");"),
                        compound(line(callee.name, "Sync(", args, ");"), line("return;")));
            }
            return both(line("return ", callee.name, "(src", args, ");"), line("return ", callee.name, "Sync(", args, ");"));
        }
        List<Object> parts = new ArrayList<>();
        if (m.ret == T.STR) {
            parts.add("\"\"");
            for (Var v : ctx.vars) {
                parts.add(" + \"|\" + ");
                parts.add(v.read);
            }
            if (random.nextBoolean()) {
                parts.add(" + \"|\" + ");
                parts.add(expr(T.STR, 2));
            }
            return returnStatement(seq(parts.toArray()));
        }
        if (m.ret == T.VOID) {
            return returnStatement(null);
        }
        parts.add("(tr");
        for (Var v : ctx.vars) {
            if (!v.name.equals("tr")) {
                parts.add(" * 31 + FutureSource.hash" + v.type.suffix + "(");
                parts.add(v.read);
                parts.add(")");
            }
        }
        parts.add(" + FutureSource.hash" + m.ret.suffix + "(");
        parts.add(expr(m.ret, 2));
        parts.add("))");
        E digest = seq(parts.toArray());
        return returnStatement(convertLong(digest, m.ret));
    }

    private static E convertLong(E value, T to) {
        return switch (to) {
            case INT -> seq("(int) ", value);
            case LONG -> value;
            case DOUBLE -> seq("(double) ", value, " * 0.5");
            case STR -> seq("\"h\" + ", value);
            case FLOAT, BOOL, VOID -> throw new IllegalArgumentException("no helper returns " + to);
        };
    }

    /** {@code return result(v);} / {@code return v;} (v null: {@code return result();} / {@code return;}). */
    private S returnStatement(E value) {
        if (value == null && method.generator) {
            return both(line("return end();"), line("return;"));
        }
        if (value == null) {
            return both(line("return result();"), line("return;"));
        }
        return both(line("return result(", value, ");"), line("return ", value, ";"));
    }

    // ---- statements ----------------------------------------------------------------------------

    private void statement(List<S> out) {
        int maxDepth = method.isMain() ? 3 : 2;
        boolean nest = ctx.depth < maxDepth;
        int loopLimit = method.isMain() ? 64 : 9;
        int w = random.nextInt(100);
        if (method.generator && canEmit() && random.nextInt(4) == 0) {
            out.add(emitStatement());
        } else if (features.generators && random.nextInt(10) == 0 && generatorToConsume() != null) {
            consume(out);
        } else if (ctx.tryDepth > 0 && ctx.canReturn && random.nextInt(10) == 0) {
            out.add(earlyReturn());
        } else if (features.tailCallsInTry && features.tailCalls && !method.generator && nest && ctx.canTry && ctx.canReturn
                && random.nextInt(25) == 0 && canCallHelper(method.ret)) {
            out.add(tryWithTailCall());
        } else if (w < 18) {
            declaration(out);
        } else if (w < 34) {
            out.add(assignment());
        } else if (w < 41) {
            out.add(trace());
        } else if (w < 49 && nest) {
            out.add(ifStatement());
        } else if (w < 57 && nest && ctx.trips * 4 <= loopLimit) {
            loop(out);
        } else if (w < 64 && nest) {
            out.add(switchStatement());
        } else if (w < 72 && nest && ctx.canTry) {
            out.add(tryStatement());
        } else if (w < 75) {
            if (ctx.catchesBoom || random.nextInt(3) == 0) {
                out.add(line("if (", rareCondition(), ") throw FutureSource.boom(", expr(T.STR, 2), ");"));
            } else {
                out.add(trace());
            }
        } else if (w < 81 && (ctx.canBreak || ctx.canContinue || !ctx.blockLabels.isEmpty() || !ctx.loopLabels.isEmpty())) {
            out.add(jump());
        } else if (w < 85 && ctx.canReturn) {
            out.add(earlyReturn());
        } else if (w < 91 && canCallHelper(null)) {
            out.add(callStatement());
        } else if (w < 93 && nest) {
            out.add(labelledBlock());
        } else if (w < 95 && nest) {
            out.add(compound("{", block(1 + random.nextInt(3)), "}"));
        } else {
            out.add(assignment());
        }
    }

    /** A nested block of statements, with its own scope. */
    private List<S> block(int count) {
        int mark = ctx.vars.size();
        ctx.depth++;
        List<S> body = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            statement(body);
        }
        ctx.depth--;
        truncate(mark);
        return body;
    }

    private void truncate(int mark) {
        while (ctx.vars.size() > mark) {
            ctx.vars.remove(ctx.vars.size() - 1);
        }
    }

    private void count(String construct) {
        program.constructs.merge(construct, 1, Integer::sum);
    }

    private String fresh(String prefix) {
        return prefix + names++;
    }

    private void declaration(List<S> out) {
        if (features.narrowLocals && random.nextInt(8) == 0) {
            String[] narrow = {"byte", "char", "short"};
            String type = narrow[random.nextInt(3)];
            String name = fresh("n");
            out.add(line(type, " ", name, " = (", type, ") ", paren(expr(T.INT, 2)), ";"));
            ctx.vars.add(new Var(name, T.INT, "((int) " + name + ")", true, false, type));
            return;
        }
        if (random.nextInt(6) == 0) {
            T element = pickOf(T.INT, T.LONG, T.DOUBLE);
            String name = fresh("arr");
            out.add(line(element.prim, "[] ", name, " = {", expr(element, 2), ", ", expr(element, 1), "};"));
            ctx.vars.add(new Var(name, T.STR, "java.util.Arrays.toString(" + name + ")", false, false, null, element));
            return;
        }
        T type = valueType();
        String name = fresh("v");
        if (type == T.STR && random.nextInt(5) == 0) {
            // A null local: read through orElse, assigned non-null values.
            out.add(line("String ", name, " = null;"));
            ctx.vars.add(new Var(name, T.STR, "FutureSource.orElse(" + name + ", \"n\")", true, false, null));
            return;
        }
        boolean isFinal = random.nextInt(4) == 0;
        E init = expr(type, 2);
        if (type == T.STR) {
            init = seq("FutureSource.clip(", init, ")");
        }
        out.add(line(isFinal ? "final " : "", type.prim, " ", name, " = ", init, ";"));
        ctx.vars.add(new Var(name, type, name, !isFinal, isFinal, null));
    }

    private S assignment() {
        Var array = array(null);
        if (array != null && random.nextInt(3) == 0) {
            T t = array.element;
            count("array element assignment");
            E element = seq(array.name, "[", expr(T.INT, 1), " & 1]");
            return switch (random.nextInt(4)) {
                case 0 -> line(element, " = ", expr(t, 2), ";");
                case 1 -> line(element, " += ", expr(t, 2), ";");
                case 2 -> line(element, " *= ", expr(t, 2), ";");
                default -> line(element, "++;");
            };
        }
        Var v = assignable(null);
        if (v == null) {
            return trace();
        }
        return line(assignExpr(v, true), ";");
    }

    /** {@code v = e}, {@code v op= e}, {@code v++} ...; as a statement or as a value. */
    private E assignExpr(Var v, boolean statement) {
        String n = v.name;
        if (v.narrow != null) {
            return switch (random.nextInt(4)) {
                case 0 -> seq(n, " = (", v.narrow, ") ", paren(expr(T.INT, 2)));
                case 1 -> seq(n, " += ", expr(T.INT, 2));
                case 2 -> seq(n, " ^= ", expr(T.INT, 2));
                default -> seq(n, random.nextBoolean() ? "++" : "--");
            };
        }
        return switch (v.type) {
            case INT, LONG -> switch (random.nextInt(9)) {
                case 0, 1 -> seq(n, " = ", expr(v.type, 2));
                case 2 -> seq(n, " += ", expr(v.type, 2));
                case 3 -> seq(n, " -= ", expr(v.type, 2));
                case 4 -> seq(n, " *= ", expr(v.type, 2));
                case 5 -> seq(n, " ^= ", expr(v.type, 2));
                case 6 -> seq(n, " <<= ", expr(T.INT, 1));
                case 7 -> seq(n, " |= ", expr(v.type, 2));
                default -> statement ? seq(n, random.nextBoolean() ? "++" : "--")
                        : seq(random.nextBoolean() ? "++" : "--", n);
            };
            case FLOAT, DOUBLE -> switch (random.nextInt(5)) {
                case 0, 1 -> seq(n, " = ", expr(v.type, 2));
                case 2 -> seq(n, " += ", expr(v.type, 2));
                case 3 -> seq(n, " *= ", expr(v.type, 2));
                default -> seq(n, " -= ", expr(v.type, 2));
            };
            case STR -> random.nextBoolean()
                    ? seq(n, " = FutureSource.clip(", expr(T.STR, 2), ")")
                    : seq(n, " += ", expr(T.INT, 2));
            case BOOL -> switch (random.nextInt(4)) {
                case 0, 1 -> seq(n, " = ", expr(T.BOOL, 2));
                case 2 -> seq(n, " &= ", expr(T.BOOL, 2));
                default -> seq(n, " ^= ", expr(T.BOOL, 2));
            };
            case VOID -> throw new IllegalStateException();
        };
    }

    /** {@code tr = tr * 31 + FutureSource.hashI(x);}: folds a value into the method's trace. */
    private S trace() {
        T type;
        E value;
        if (random.nextInt(3) == 0) {
            type = valueType();
            value = expr(type, 2);
        } else {
            Var v = pick(ctx.vars);
            type = v.type;
            value = seq(v.read);
        }
        return line("tr = tr * 31 + FutureSource.hash", type.suffix, "(", value, ");");
    }

    private S ifStatement() {
        E cond = expr(T.BOOL, 2);
        List<S> then = block(1 + random.nextInt(3));
        if (random.nextBoolean()) {
            return compound(seq("if (", cond, ") {"), then, "}");
        }
        List<S> otherwise = block(1 + random.nextInt(3));
        return compound(seq("if (", cond, ") {"), then, "} else {", otherwise, "}");
    }

    private void loop(List<S> out) {
        int bound = 1 + random.nextInt(4);
        String label = random.nextInt(4) == 0 ? fresh("L") : null;
        String prefix = label == null ? "" : label + ": ";
        int kind = random.nextInt(4);
        int trips = ctx.trips;
        ctx.trips = trips * 4;
        count(label != null ? "labelled loop" : "loop");
        switch (kind) {
            case 0 -> {
                String i = fresh("i");
                E limit = random.nextBoolean() ? seq(bound) : seq("(", expr(T.INT, 2), " & 3)");
                ctx.vars.add(new Var(i, T.INT, i, false, false, null));
                List<S> body = loopBody(label);
                ctx.vars.remove(ctx.vars.size() - 1);
                E update = random.nextInt(4) != 0 || ctx.noAwait ? seq(i, "++")
                        : seq(i, " += ", both(seq("((int) await(src.i(1)))"), seq("((int) (1))")));
                E init = random.nextInt(4) != 0 || ctx.noAwait ? seq("0")
                        : both(seq("((int) await(src.i(0)))"), seq("((int) (0))"));
                out.add(compound(seq(prefix, "for (int ", i, " = ", init, "; ", i, " < ", limit, "; ", update, ") {"), body,
                        "}"));
            }
            case 1 -> {
                String w = fresh("w");
                E cond = random.nextBoolean() ? seq("") : seq(" && ", expr(T.BOOL, 2));
                List<S> body = loopBody(label);
                out.add(line("int ", w, " = ", bound, ";"));
                out.add(compound(seq(prefix, "while (", w, "-- > 0", cond, ") {"), body, "}"));
                ctx.vars.add(new Var(w, T.INT, w, false, false, null));
            }
            case 2 -> {
                String w = fresh("w");
                List<S> body = loopBody(label);
                E cond = random.nextBoolean() ? seq("") : seq(" && ", expr(T.BOOL, 2));
                out.add(line("int ", w, " = ", bound, ";"));
                out.add(compound(seq(prefix, "do {"), body, seq("} while (--", w, " > 0", cond, ");")));
                ctx.vars.add(new Var(w, T.INT, w, false, false, null));
            }
            default -> {
                String e = fresh("e");
                if (random.nextBoolean()) {
                    E values = seq("new int[] {", expr(T.INT, 2), ", ", expr(T.INT, 2), ", ", expr(T.INT, 1), "}");
                    ctx.vars.add(new Var(e, T.INT, e, false, false, null));
                    List<S> body = loopBody(label);
                    ctx.vars.remove(ctx.vars.size() - 1);
                    out.add(compound(seq(prefix, "for (int ", e, " : ", values, ") {"), body, "}"));
                } else {
                    E values = seq("java.util.List.of(", expr(T.STR, 2), ", ", expr(T.STR, 1), ")");
                    ctx.vars.add(new Var(e, T.STR, e, false, false, null));
                    List<S> body = loopBody(label);
                    ctx.vars.remove(ctx.vars.size() - 1);
                    out.add(compound(seq(prefix, "for (String ", e, " : ", values, ") {"), body, "}"));
                }
            }
        }
        ctx.trips = trips;
    }

    private List<S> loopBody(String label) {
        count("loop body");
        boolean canBreak = ctx.canBreak;
        boolean canContinue = ctx.canContinue;
        ctx.canBreak = true;
        ctx.canContinue = true;
        if (label != null) {
            ctx.loopLabels.add(label);
        }
        List<S> body = block(1 + random.nextInt(3));
        if (label != null) {
            ctx.loopLabels.remove(label);
        }
        ctx.canBreak = canBreak;
        ctx.canContinue = canContinue;
        return body;
    }

    private S labelledBlock() {
        String label = fresh("B");
        ctx.blockLabels.add(label);
        List<S> body = block(2 + random.nextInt(3));
        ctx.blockLabels.remove(label);
        return compound(label + ": {", body, "}");
    }

    /** {@code if (c) break;}, {@code continue L;} ...: always guarded, so nothing is unreachable. */
    private S jump() {
        List<String> options = new ArrayList<>();
        if (ctx.canBreak) {
            options.add("break;");
        }
        if (ctx.canContinue) {
            options.add("continue;");
        }
        for (String label : ctx.loopLabels) {
            options.add("break " + label + ";");
            options.add("continue " + label + ";");
        }
        for (String label : ctx.blockLabels) {
            options.add("break " + label + ";");
        }
        String jump = pick(options);
        count(jump.contains(" ") ? "labelled " + jump.substring(0, jump.indexOf(' ')) : jump.substring(0, jump.length() - 1));
        if (ctx.inFinally) {
            count("jump in finally");
        }
        return line("if (", expr(T.BOOL, 2), ") ", jump);
    }

    private S earlyReturn() {
        boolean tailCall = features.tailCalls && !method.generator && (ctx.tryDepth == 0 || features.tailCallsInTry)
                && random.nextInt(ctx.tryDepth > 0 ? 2 : 3) == 0;
        if (tailCall && canCallHelper(method.ret)) {
            return tailCall(ctx.tryDepth > 0 || random.nextInt(4) == 0 ? expr(T.BOOL, 2) : rareCondition());
        }
        count(ctx.inFinally ? "return in finally" : "early return");
        E cond = random.nextInt(4) == 0 ? expr(T.BOOL, 2) : rareCondition();
        if (method.generator) {
            return both(line("if (", cond, ") return end();"), line("if (", cond, ") return;"));
        }
        if (method.ret == T.VOID) {
            return both(line("if (", cond, ") return result();"), line("if (", cond, ") return;"));
        }
        E value = expr(method.ret, 2);
        return both(line("if (", cond, ") return result(", value, ");"), line("if (", cond, ") return ", value, ";"));
    }

    /** {@code if (c) return m1(src, ...);}: returns a helper's coroutine, for its value. */
    private S tailCall(E cond) {
        count(ctx.tryDepth > 0 ? "tail call in try" : "tail call");
        MethodDef callee = callee(method.ret);
        E args = arguments(callee);
        ctx.helperCalls++;
        if (method.ret == T.VOID) {
            return both(line("if (", cond, ") return ", callee.name, "(src", args, ");"),
                    compound(seq("if (", cond, ") {"), List.of(line(callee.name, "Sync(", args, ");"),
                            line("return;")), "}"));
        }
        return both(line("if (", cond, ") return ", callee.name, "(src", args, ");"),
                line("if (", cond, ") return ", callee.name, "Sync(", args, ");"));
    }

    /**
     * {@code try { ...; if (c) return m1(src, ...); } catch (Boom e) { ... } finally { acc++; }}:
     * in the synchronous reading, the catch clause catches what m1 throws, and m1 sees the
     * fields as they were before the finally block (see {@link Features#tailCallsInTry}).
     */
    private S tryWithTailCall() {
        ctx.tryDepth++;
        boolean catchesBoom = ctx.catchesBoom;
        ctx.catchesBoom = true;
        int mark = ctx.vars.size();
        ctx.depth++;
        List<S> body = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            statement(body);
        }
        body.add(tailCall(expr(T.BOOL, 1)));
        ctx.depth--;
        truncate(mark);
        ctx.catchesBoom = catchesBoom;
        Object handler = catchClause("FutureSource.Boom");
        ctx.tryDepth--;
        if (!method.isStatic && features.fields) {
            return compound("try {", body, handler, "} finally {", List.of(line("this.acc += 1000;")), "}");
        }
        return compound("try {", body, handler, "}");
    }

    /** A condition that holds about one time in eight. */
    private E rareCondition() {
        return seq("((", expr(T.INT, 1), " & 7) == 3)");
    }

    private S callStatement() {
        MethodDef callee = callee(null);
        E args = arguments(callee);
        ctx.helperCalls++;
        count("await of a call, as a statement");
        return both(line("await(", callee.name, "(src", args, "));"), line(callee.name, "Sync(", args, ");"));
    }

    /**
     * Whether this generator may emit here: not inside an expression, and, in one a consumer
     * may close early, neither in a finally block nor where a catch clause of its own encloses
     * the emit (see {@link Features#generators}).
     */
    private boolean canEmit() {
        return !ctx.inSwitchExpr && !ctx.noAwait && (!method.closable || (!ctx.inFinally && !ctx.catchesBoom));
    }

    /** {@code await(emit(v));}; in the synchronous form, {@code sink.add(v);}. */
    private S emitStatement() {
        count(ctx.trips > 1 ? "emit in a loop" : "emit");
        E value = expr(T.INT, 2);
        return both(line("await(emit(", value, "));"), line("sink.add(", value, ");"));
    }

    /** A generator this method may consume here, or null. */
    private MethodDef generatorToConsume() {
        if (ctx.noAwait || ctx.inSwitchExpr || ctx.helperCalls >= 6 || ctx.trips > (method.isMain() ? 4 : 1)) {
            return null;
        }
        List<MethodDef> options = new ArrayList<>();
        for (MethodDef m : program.methods) {
            if (m.index < method.index && m.generator && (m.isStatic || !method.isStatic)) {
                options.add(m);
            }
        }
        return options.isEmpty() ? null : pick(options);
    }

    /**
     * {@code int d = <digest of a generator's values>;}: drained by a hasNext/next loop, or,
     * for a generator that may be closed early, taken a few values at a time in
     * try-with-resources, which closes it at its pending emit. The synchronous form runs the
     * generator into a {@link FutureSource.Sink}, which stops it there with
     * {@link FutureSource.Stop}.
     */
    private void consume(List<S> out) {
        MethodDef generator = generatorToConsume();
        ctx.helperCalls++;
        String d = fresh("d");
        E args = argumentsWithComma(generator);
        String g = d + "g";
        String sum = d + "d";
        String sink = d + "s";
        boolean closeEarly = generator.closable && ctx.canTry && random.nextBoolean();
        int limit = 1 + random.nextInt(3);
        out.add(line("int ", d, ";"));
        S consumer;
        S reference;
        if (closeEarly) {
            count("generator closed early");
            String taken = d + "n";
            consumer = compound("{", List.of(
                    line("int ", sum, " = 7;"),
                    line("int ", taken, " = 0;"),
                    compound(seq("try (AsyncGenerator<Integer> ", g, " = ", generator.name, "(src", args, ")) {"), List.of(
                            compound(seq("while (await(", g, ".hasNext())) {"), List.of(
                                    line(sum, " = ", sum, " * 31 + ", g, ".next();"),
                                    line("if (++", taken, " == ", limit, ") break;")), "}")), "}"),
                    line(d, " = ", sum, ";")), "}");
            reference = compound("{", List.of(
                    line("FutureSource.Sink ", sink, " = new FutureSource.Sink(", limit, ");"),
                    compound("try {", List.of(line(generator.name, "Sync(", sink, args, ");")),
                            "} catch (FutureSource.Stop stop) {", List.of(), "}"),
                    line(d, " = ", sink, ".digest();")), "}");
        } else {
            count("generator drained");
            consumer = compound("{", List.of(
                    line("AsyncGenerator<Integer> ", g, " = ", generator.name, "(src", args, ");"),
                    line("int ", sum, " = 7;"),
                    compound(seq("while (await(", g, ".hasNext())) {"), List.of(
                            line(sum, " = ", sum, " * 31 + ", g, ".next();")), "}"),
                    line(d, " = ", sum, ";")), "}");
            reference = compound("{", List.of(
                    line("FutureSource.Sink ", sink, " = new FutureSource.Sink(0);"),
                    line(generator.name, "Sync(", sink, args, ");"),
                    line(d, " = ", sink, ".digest();")), "}");
        }
        out.add(both(consumer, reference));
        ctx.vars.add(new Var(d, T.INT, d, true, false, null));
    }

    private S switchStatement() {
        boolean canBreak = ctx.canBreak;
        int kind = random.nextInt(5);
        S result;
        if (kind <= 1) {
            // Old style, with fallthrough and breaks.
            count("switch (old style)");
            ctx.canBreak = true;
            List<Object> parts = new ArrayList<>();
            parts.add(seq("switch (", expr(T.INT, 2), " & 3) {"));
            List<S> cases = new ArrayList<>();
            int[][] groups = {{0}, {1, 2}, {3}};
            for (int[] group : groups) {
                if (random.nextInt(5) == 0) {
                    continue;
                }
                List<Object> labels = new ArrayList<>();
                for (int label : group) {
                    labels.add("case " + label + ":");
                }
                List<S> body = new ArrayList<>();
                body.add(compound("{", block(1 + random.nextInt(3)), "}"));
                int end = random.nextInt(3);
                if (end == 0) {
                    body.add(line("break;"));
                } else if (end == 1) {
                    body.add(line("if (", expr(T.BOOL, 1), ") break;"));
                }
                labels.add(body);
                cases.add(compound(labels.toArray()));
            }
            if (random.nextBoolean()) {
                cases.add(compound("default:", List.of(compound("{", block(1 + random.nextInt(2)), "}"))));
            }
            parts.add(cases);
            parts.add("}");
            result = compound(parts.toArray());
        } else {
            // Arrow form, on an int, a String or an enum.
            ctx.canBreak = true;
            List<Object> parts = new ArrayList<>();
            String[][] labels;
            if (kind == 2 || kind == 3) {
                count("switch (arrow)");
                parts.add(seq("switch (", expr(T.INT, 2), " & 3) {"));
                labels = new String[][] {{"0"}, {"1", "2"}};
            } else if (random.nextBoolean()) {
                count("switch on a String");
                parts.add(seq("switch (FutureSource.key(", expr(T.INT, 2), ")) {"));
                labels = new String[][] {{"\"a\""}, {"\"b\"", "\"c\""}};
            } else {
                count("switch on an enum");
                parts.add(seq("switch (FutureSource.color(", expr(T.INT, 2), ")) {"));
                labels = new String[][] {{"RED"}, {"GREEN", "BLUE"}};
            }
            List<S> cases = new ArrayList<>();
            for (String[] group : labels) {
                cases.add(compound("case " + String.join(", ", group) + " -> {", block(1 + random.nextInt(3)), "}"));
            }
            if (random.nextBoolean()) {
                cases.add(compound("default -> {", block(1 + random.nextInt(2)), "}"));
            }
            parts.add(cases);
            parts.add("}");
            result = compound(parts.toArray());
        }
        ctx.canBreak = canBreak;
        return result;
    }

    private S tryStatement() {
        ctx.tryDepth++;
        List<Object> parts = new ArrayList<>();
        boolean resources = features.tryWithResources && random.nextInt(4) == 0;
        int shape = random.nextInt(4); // catch, catch+finally, finally, two catches (+finally)
        boolean hasCatch = shape != 2 || resources;
        boolean hasFinally = shape == 1 || shape == 2 || (shape == 3 && random.nextBoolean());
        String second = shape != 3 ? null : random.nextBoolean() ? "RuntimeException" : "ArithmeticException";
        boolean catchesBoom = ctx.catchesBoom;
        boolean catchesArithmetic = ctx.catchesArithmetic;
        count(resources ? "try-with-resources" : "try");
        count(hasCatch && hasFinally ? "try/catch/finally" : hasCatch ? "try/catch" : "try/finally");
        ctx.catchesBoom |= hasCatch;
        ctx.catchesArithmetic |= second != null;
        if (resources) {
            String r = fresh("r");
            E value = expr(T.INT, 2);
            if (features.asyncClose && random.nextBoolean()) {
                count("try-with-resources, awaited close");
                parts.add(both(seq("try (FutureSource.AsyncRes ", r, " = src.ares(", value, ")) {"),
                        seq("try (FutureSource.Res ", r, " = FutureSource.res(", value, ")) {")));
            } else {
                parts.add(seq("try (FutureSource.Res ", r, " = FutureSource.res(", value, ")) {"));
            }
            int mark = ctx.vars.size();
            ctx.vars.add(new Var(r, T.INT, r + ".v()", false, false, null));
            parts.add(block(1 + random.nextInt(3)));
            truncate(mark);
        } else {
            parts.add("try {");
            parts.add(block(1 + random.nextInt(3)));
        }
        ctx.catchesBoom = catchesBoom;
        ctx.catchesArithmetic = catchesArithmetic;
        if (hasCatch) {
            parts.add(catchClause("FutureSource.Boom"));
            if (second != null) {
                parts.add(catchClause(second));
            }
        }
        if (hasFinally) {
            parts.add("} finally {");
            Ctx.Scope outside = ctx.save();
            if (!features.jumpsInFinally || method.closable) {
                ctx.noJumpsOut();
            }
            // javac copies a finally block to every exit of its try: keep it small, no try inside.
            ctx.inFinally = true;
            ctx.canTry = false;
            ctx.depth = Math.max(outside.depth(), (method.isMain() ? 3 : 2) - 1);
            parts.add(block(1 + random.nextInt(2)));
            ctx.restore(outside);
        }
        parts.add("}");
        ctx.tryDepth--;
        return compound(parts.toArray());
    }

    private Object catchClause(String type) {
        String e = fresh("x");
        int mark = ctx.vars.size();
        ctx.vars.add(new Var(e, T.STR, "String.valueOf(" + e + ".getMessage())", false, false, null));
        List<S> body = block(1 + random.nextInt(3));
        if (random.nextInt(4) == 0) {
            body.add(line("if (", rareCondition(), ") throw ", e, ";"));
        }
        truncate(mark);
        return compound(seq("} catch (", type, " ", e, ") {"), body);
    }

    // ---- expressions ---------------------------------------------------------------------------

    private T valueType() {
        T t = VALUE_TYPES[random.nextInt(VALUE_TYPES.length)];
        return t == T.FLOAT && !features.floats ? T.INT : t;
    }

    /** A random expression of exactly type {@code t}. */
    E expr(T t, int depth) {
        if (!ctx.noAwait && random.nextInt(100) < (depth <= 0 ? 12 : 30)) {
            return await(t, depth);
        }
        if (depth <= 0 || random.nextInt(10) < 3) {
            return leaf(t);
        }
        return switch (t) {
            case INT -> intExpr(depth - 1);
            case LONG -> longExpr(depth - 1);
            case FLOAT -> floatExpr(depth - 1);
            case DOUBLE -> doubleExpr(depth - 1);
            case STR -> stringExpr(depth - 1);
            case BOOL -> boolExpr(depth - 1);
            case VOID -> throw new IllegalArgumentException();
        };
    }

    private E leaf(T t) {
        List<Var> candidates = new ArrayList<>();
        for (Var v : ctx.vars) {
            if (v.type == t) {
                candidates.add(v);
            }
        }
        if (t == T.BOOL && random.nextInt(10) < 5) {
            T operands = pickOf(T.INT, T.INT, T.LONG, T.DOUBLE);
            return seq("(", leaf(operands), " ", pickOf("<", "<=", ">", ">=", "==", "!="), " ", leaf(operands), ")");
        }
        if (!candidates.isEmpty() && random.nextInt(10) < 7) {
            return seq(pick(candidates).read);
        }
        return literal(t);
    }

    private E literal(T t) {
        return switch (t) {
            case INT -> seq(random.nextInt(10) == 0 ? pickOf("Integer.MAX_VALUE", "Integer.MIN_VALUE", "-1")
                    : Integer.toString(random.nextInt(21)));
            case LONG -> seq(random.nextInt(10) == 0 ? pickOf("Long.MAX_VALUE", "Long.MIN_VALUE", "-1L")
                    : random.nextInt(40) + "L");
            case FLOAT -> seq(random.nextInt(17) / 4.0f + "f");
            case DOUBLE -> seq(random.nextInt(10) == 0 ? pickOf("-0.0", "1e300", "Double.MIN_VALUE")
                    : Double.toString(random.nextInt(33) / 8.0));
            case STR -> seq("\"" + pickOf("", "a", "bc", "xyz", "k", "q7") + "\"");
            case BOOL -> seq(random.nextBoolean() ? "true" : "false");
            case VOID -> throw new IllegalArgumentException();
        };
    }

    /** The awaited form of a value: {@code await(src.i(e))} / {@code e}; or a failing future, or a call. */
    private E await(T t, int depth) {
        count("await");
        int w = random.nextInt(100);
        if (w < 25 && canCallValueHelper()) {
            count("await of a call");
            return call(t, depth);
        }
        if (w < 22 && features.failingAwaits && (ctx.catchesBoom || random.nextInt(5) == 0)) {
            count("await of a failing future");
            E message = expr(T.STR, depth - 2);
            return both(seq(unbox(t), "await(src.fail", t.suffix, "(", message, ")))"),
                    seq("FutureSource.raise", t.suffix, "(", message, ")"));
        }
        E value = expr(t, depth - 1);
        boolean stage = features.stageAwaits && w < 32 && t != T.BOOL && t != T.FLOAT;
        String factory = stage ? t.src + "Stage" : t.src;
        count(stage ? "await of a CompletionStage" : "await of a value");
        E cast = t == T.STR ? seq("(", value, ")") : seq("((", t.prim, ") (", value, "))");
        return both(seq(unbox(t), "await(src.", factory, "(", value, ")))"), cast);
    }

    /** {@code ((int) } before an await of an Integer: a primitive, never compared as a reference. */
    private static String unbox(T t) {
        return t == T.STR ? "(" : "((" + t.prim + ") ";
    }

    /** Whether a helper returning {@code ret} (null: any, VOID included) may be called here. */
    private boolean canCallHelper(T ret) {
        if (ctx.noAwait || ctx.helperCalls >= 6 || (ctx.trips > (method.isMain() ? 4 : 1))) {
            return false;
        }
        return callee(ret) != null;
    }

    /** Whether a helper returning a value may be called here. */
    private boolean canCallValueHelper() {
        if (!canCallHelper(null)) {
            return false;
        }
        for (MethodDef m : program.methods) {
            if (m.index < method.index && m.ret != T.VOID && (m.isStatic || !method.isStatic)) {
                return true;
            }
        }
        return false;
    }

    /** A helper this method may call: lower index (no recursion), static if we are static; null if none. */
    private MethodDef callee(T ret) {
        List<MethodDef> options = new ArrayList<>();
        for (MethodDef m : program.methods) {
            if (m.index < method.index && !m.generator && (ret == null || m.ret == ret) && (m.isStatic || !method.isStatic)) {
                options.add(m);
            }
        }
        return options.isEmpty() ? null : pick(options);
    }

    /** An awaited call of a helper returning any value, converted to {@code t}. */
    private E call(T t, int depth) {
        List<MethodDef> options = new ArrayList<>();
        for (MethodDef m : program.methods) {
            if (m.index < method.index && m.ret != T.VOID && (m.isStatic || !method.isStatic)) {
                options.add(m);
            }
        }
        MethodDef callee = pick(options);
        ctx.helperCalls++;
        E args = arguments(callee);
        T r = callee.ret;
        E value = both(seq(unbox(r), "await(", callee.name, "(src", args, ")))"), seq(callee.name, "Sync(", args, ")"));
        if (r == t) {
            return value;
        }
        return switch (t) {
            case INT -> r == T.STR ? seq(value, ".length()") : seq("((int) ", value, ")");
            case LONG -> r == T.STR ? seq("((long) ", value, ".hashCode())") : seq("((long) ", value, ")");
            case FLOAT -> r == T.STR ? seq("((float) ", value, ".length())") : seq("((float) ", value, ")");
            case DOUBLE -> r == T.STR ? seq("((double) ", value, ".length())") : seq("((double) ", value, ")");
            case STR -> seq("(\"\" + ", value, ")");
            case BOOL -> r == T.STR ? seq(value, ".isEmpty()") : seq("(", value, " > 0)");
            case VOID -> throw new IllegalArgumentException();
        };
    }

    /** {@code , a, b} for the async form (after {@code src}); the sync form drops the leading comma. */
    private E arguments(MethodDef callee) {
        E withComma = argumentsWithComma(callee);
        return async -> {
            String s = withComma.r(async);
            return async ? s : (s.startsWith(", ") ? s.substring(2) : s);
        };
    }

    /** {@code , a, b} in both forms: the arguments after a first one. */
    private E argumentsWithComma(MethodDef callee) {
        List<Object> parts = new ArrayList<>();
        for (T p : callee.paramTypes) {
            parts.add(", ");
            parts.add(expr(p, 2));
        }
        return seq(parts.toArray());
    }

    private E intExpr(int d) {
        int w = random.nextInt(28);
        return switch (w) {
            case 0, 1, 2 -> seq("(", expr(T.INT, d), " ", pickOf("+", "-", "*", "+"), " ", expr(T.INT, d), ")");
            case 3 -> seq("(", expr(T.INT, d), " ", pickOf("&", "|", "^"), " ", expr(T.INT, d), ")");
            case 4 -> seq("(", expr(T.INT, d), " ", pickOf("/", "%"), " (", expr(T.INT, d), " | 1))");
            case 5 -> features.rawDivision && ctx.catchesArithmetic && random.nextBoolean()
                    ? seq("(", expr(T.INT, d), " ", pickOf("/", "%"), " ", expr(T.INT, d), ")")
                    : seq("(", expr(T.INT, d), " ", pickOf("<<", ">>", ">>>"), " ", expr(T.INT, d), ")");
            case 6 -> seq("(", pickOf("-", "~"), " ", expr(T.INT, d), ")");
            case 7 -> seq("((int) ", expr(pickOf(T.LONG, T.DOUBLE, features.floats ? T.FLOAT : T.LONG), d), ")");
            case 8 -> seq(expr(T.STR, d), random.nextBoolean() ? ".length()" : ".hashCode()");
            case 9, 10 -> seq("(", expr(T.BOOL, d), " ? ", expr(T.INT, d), " : ", expr(T.INT, d), ")");
            case 11 -> seq("FutureSource.mix(", expr(T.INT, d), ", ", expr(T.LONG, d), ", ", expr(T.DOUBLE, d), ")");
            case 12 -> seq("FutureSource.pick(new int[] {", expr(T.INT, d), ", ", expr(T.INT, d), ", ",
                    expr(T.INT, d), "}, ", expr(T.INT, d), ")");
            case 13 -> seq("FutureSource.sum(", expr(T.INT, d), ", ", expr(T.INT, d), ", ", expr(T.INT, d), ")");
            case 14 -> seq("((int) FutureSource.id(", expr(T.INT, d), "))");
            case 15 -> features.lambdas ? lambda(d) : leaf(T.INT);
            case 16 -> features.anonymousClasses ? anonymous(d) : leaf(T.INT);
            case 17, 18 -> features.switchExpressions ? switchExpr(T.INT, d) : leaf(T.INT);
            case 19, 20 -> assignValue(T.INT, d);
            case 21 -> method.isStatic ? leaf(T.INT) : seq("inst(", expr(T.INT, d), ", ", expr(T.INT, d), ")");
            case 22 -> seq(pickOf("Math.max", "Math.min", "Integer.rotateLeft"), "(", expr(T.INT, d), ", ",
                    expr(T.INT, d), ")");
            case 23 -> seq("Math.floorMod(", expr(T.INT, d), ", (", expr(T.INT, d), " | 1))");
            case 24 -> seq("Integer.compare(", expr(T.INT, d), ", ", expr(T.INT, d), ")");
            case 25 -> !method.isStatic && features.fields ? seq("base") : arrayElement(T.INT, d);
            case 26 -> arrayElement(T.INT, d);
            default -> seq("(", expr(T.INT, d), " + ", expr(T.INT, d), " * ", expr(T.INT, d), ")");
        };
    }

    private E longExpr(int d) {
        int w = random.nextInt(16);
        return switch (w) {
            case 0, 1, 2 -> seq("(", expr(T.LONG, d), " ", pickOf("+", "-", "*"), " ", expr(T.LONG, d), ")");
            case 3 -> seq("(", expr(T.LONG, d), " ", pickOf("&", "|", "^"), " ", expr(T.LONG, d), ")");
            case 4 -> seq("(", expr(T.LONG, d), " ", pickOf("/", "%"), " (", expr(T.LONG, d), " | 1L))");
            case 5 -> seq("(", expr(T.LONG, d), " ", pickOf("<<", ">>", ">>>"), " ", expr(T.INT, d), ")");
            case 6 -> seq("((long) ", expr(pickOf(T.INT, T.DOUBLE), d), ")");
            case 7 -> seq("(", expr(T.LONG, d), " + ", expr(T.INT, d), ")");
            case 8 -> seq("(", expr(T.BOOL, d), " ? ", expr(T.LONG, d), " : ", expr(T.LONG, d), ")");
            case 9 -> seq("FutureSource.mixL(", expr(T.LONG, d), ", ", expr(T.INT, d), ")");
            case 10 -> features.switchExpressions ? switchExpr(T.LONG, d) : leaf(T.LONG);
            case 11, 12 -> assignValue(T.LONG, d);
            case 13 -> seq(pickOf("Math.max", "Math.min"), "(", expr(T.LONG, d), ", ", expr(T.LONG, d), ")");
            case 14 -> arrayElement(T.LONG, d);
            default -> seq("(- ", expr(T.LONG, d), ")");
        };
    }

    private E floatExpr(int d) {
        int w = random.nextInt(7);
        return switch (w) {
            case 0, 1 -> seq("(", expr(T.FLOAT, d), " ", pickOf("+", "-", "*", "/"), " ", expr(T.FLOAT, d), ")");
            case 2 -> seq("((float) ", expr(pickOf(T.INT, T.LONG, T.DOUBLE), d), ")");
            case 3 -> seq("(", expr(T.BOOL, d), " ? ", expr(T.FLOAT, d), " : ", expr(T.FLOAT, d), ")");
            case 4 -> assignValue(T.FLOAT, d);
            case 5 -> seq("(", expr(T.FLOAT, d), " + ", expr(T.INT, d), ")");
            default -> seq("(- ", expr(T.FLOAT, d), ")");
        };
    }

    private E doubleExpr(int d) {
        int w = random.nextInt(14);
        return switch (w) {
            case 0, 1, 2 -> seq("(", expr(T.DOUBLE, d), " ", pickOf("+", "-", "*", "/"), " ", expr(T.DOUBLE, d), ")");
            case 3 -> seq("((double) ", expr(pickOf(T.INT, T.LONG, features.floats ? T.FLOAT : T.INT), d), ")");
            case 4 -> seq("(", expr(T.DOUBLE, d), " * ", expr(T.INT, d), ")");
            case 5 -> seq("(", expr(T.BOOL, d), " ? ", expr(T.DOUBLE, d), " : ", expr(T.DOUBLE, d), ")");
            case 6 -> seq("FutureSource.mixD(", expr(T.DOUBLE, d), ", ", expr(T.INT, d), ")");
            case 7 -> seq("Math.sqrt(Math.abs(", expr(T.DOUBLE, d), "))");
            case 8 -> features.switchExpressions ? switchExpr(T.DOUBLE, d) : leaf(T.DOUBLE);
            case 9, 10 -> assignValue(T.DOUBLE, d);
            case 11 -> seq("(", expr(T.DOUBLE, d), " + ", expr(T.LONG, d), " * ", expr(T.DOUBLE, d), ")");
            case 12 -> arrayElement(T.DOUBLE, d);
            default -> seq("Math.floor(", expr(T.DOUBLE, d), ")");
        };
    }

    private E stringExpr(int d) {
        int w = random.nextInt(15);
        return switch (w) {
            case 0, 1, 2 -> seq("(", expr(T.STR, d), " + ", expr(valueType(), d), ")");
            case 3 -> seq("(", expr(T.STR, d), " + ", expr(T.INT, d), " + ", expr(T.LONG, d), " + ",
                    expr(T.DOUBLE, d), ")");
            case 4 -> {
                T type = pickOf(T.INT, T.LONG, T.BOOL);
                yield seq(type == T.INT ? "Integer" : type == T.LONG ? "Long" : "Boolean", ".toString(", expr(type, d), ")");
            }
            case 5 -> seq("FutureSource.fmt(", expr(T.DOUBLE, d), ")");
            case 6 -> seq("(", expr(T.BOOL, d), " ? ", expr(T.STR, d), " : ", expr(T.STR, d), ")");
            case 7 -> seq("FutureSource.key(", expr(T.INT, d), ")");
            case 8 -> seq("String.join(\"-\", ", expr(T.STR, d), ", ", expr(T.STR, d), ")");
            case 9 -> features.switchExpressions ? switchExpr(T.STR, d) : leaf(T.STR);
            case 10 -> seq("FutureSource.clip(", expr(T.STR, d), ")");
            case 11 -> assignValue(T.STR, d);
            case 12 -> construct(d);
            case 13 -> random.nextBoolean() ? seq("FutureSource.orElse(null, ", expr(T.STR, d), ")")
                    : seq("FutureSource.orElse((", expr(T.BOOL, d), " ? null : ", expr(T.STR, d), "), ", expr(T.STR, d), ")");
            default -> seq("FutureSource.color(", expr(T.INT, d), ").name()");
        };
    }

    private E boolExpr(int d) {
        int w = random.nextInt(14);
        return switch (w) {
            case 0, 1, 2 -> {
                T t = pickOf(T.INT, T.INT, T.LONG, T.DOUBLE, features.floats ? T.FLOAT : T.INT);
                yield seq("(", expr(t, d), " ", pickOf("<", "<=", ">", ">=", "==", "!="), " ", expr(t, d), ")");
            }
            case 3 -> seq(expr(T.STR, d), ".equals(", expr(T.STR, d), ")");
            case 4 -> seq(expr(T.STR, d), random.nextBoolean() ? ".isEmpty()" : ".startsWith(\"a\")");
            case 5 -> seq("(!", expr(T.BOOL, d), ")");
            case 6, 7 -> seq("(", expr(T.BOOL, d), " && ", expr(T.BOOL, d), ")");
            case 8, 9 -> seq("(", expr(T.BOOL, d), " || ", expr(T.BOOL, d), ")");
            case 10 -> seq("(", expr(T.BOOL, d), " ", pickOf("&", "|", "^"), " ", expr(T.BOOL, d), ")");
            case 11 -> seq("(", expr(T.BOOL, d), " ? ", expr(T.BOOL, d), " : ", expr(T.BOOL, d), ")");
            case 12 -> assignValue(T.BOOL, d);
            default -> seq("((", expr(T.INT, d), " & 1) == 0)");
        };
    }

    /** An assignment used as a value; falls back to a leaf where no variable of the type is assignable. */
    private E assignValue(T t, int d) {
        Var array = features.assignmentExpressions ? array(t) : null;
        if (array != null && random.nextInt(3) == 0) {
            // javac keeps the array and the index on the stack (dup2, then dup_x2 / dup2_x2).
            count("array element assignment as a value");
            E element = seq(array.name, "[", expr(T.INT, 1), " & 1]");
            return switch (random.nextInt(4)) {
                case 0 -> seq("(", element, " = ", expr(t, d), ")");
                case 1 -> seq("(", element, " += ", expr(t, d), ")");
                case 2 -> seq("(", element, "++)");
                default -> seq("(", element, " -= ", expr(t, d), ")");
            };
        }
        Var v = features.assignmentExpressions ? assignable(t) : null;
        if (v == null) {
            return leaf(t);
        }
        count("assignment as a value");
        if (v.narrow != null) {
            return seq("((int) (", assignExpr(v, false), "))");
        }
        return seq("(", assignExpr(v, false), ")");
    }

    /** An array in scope, of elements of type {@code element} (any if null); null if none. */
    private Var array(T element) {
        List<Var> candidates = new ArrayList<>();
        for (Var v : ctx.vars) {
            if (v.element != null && (element == null || v.element == element)) {
                candidates.add(v);
            }
        }
        return candidates.isEmpty() ? null : pick(candidates);
    }

    /** {@code a[i & 1]} of an array of {@code t} in scope, or else a leaf. */
    private E arrayElement(T t, int d) {
        Var array = array(t);
        return array == null ? leaf(t) : seq(array.name, "[", expr(T.INT, d), " & 1]");
    }

    private Var assignable(T t) {
        List<Var> candidates = new ArrayList<>();
        for (Var v : ctx.vars) {
            if (v.assignable && (t == null || v.type == t)) {
                candidates.add(v);
            }
        }
        return candidates.isEmpty() ? null : pick(candidates);
    }

    /**
     * {@code new StringBuilder(s).reverse().toString()}, {@code new FutureSource.Box(i, l, d, s).show()}:
     * constructor calls; their arguments hold no await unless
     * {@link Features#awaitInConstructorArguments}.
     */
    private E construct(int d) {
        count("constructor call");
        boolean noAwait = ctx.noAwait;
        ctx.noAwait = noAwait || !features.awaitInConstructorArguments;
        E result;
        if (random.nextBoolean()) {
            result = seq("new StringBuilder(", expr(T.STR, d), ").reverse().toString()");
        } else {
            result = seq("new FutureSource.Box(", expr(T.INT, d), ", ", expr(T.LONG, d), ", ", expr(T.DOUBLE, d), ", ",
                    expr(T.STR, d), ").show()");
        }
        ctx.noAwait = noAwait;
        return result;
    }

    /** {@code FutureSource.apply(x -> ..., e)}: the lambda captures final locals, never awaits. */
    private E lambda(int d) {
        count("lambda");
        String x = fresh("y");
        return seq("FutureSource.apply(", x, " -> ", pure(x, 2), ", ", expr(T.INT, d), ")");
    }

    private E anonymous(int d) {
        count("anonymous class");
        String x = fresh("y");
        return seq("new java.util.function.IntUnaryOperator() { public int applyAsInt(int ", x, ") { return ",
                pure(x, 2), "; } }.applyAsInt(", expr(T.INT, d), ")");
    }

    /** An int expression of {@code x}, final int locals and literals: no await, no side effect. */
    private E pure(String x, int d) {
        if (d == 0 || random.nextInt(3) == 0) {
            List<String> leaves = new ArrayList<>();
            leaves.add(x);
            leaves.add(Integer.toString(random.nextInt(10)));
            for (Var v : ctx.vars) {
                if (v.isFinal && v.type == T.INT) {
                    leaves.add(v.name);
                }
            }
            return seq(pick(leaves));
        }
        return seq("(", pure(x, d - 1), " ", pickOf("+", "*", "-", "^"), " ", pure(x, d - 1), ")");
    }

    /**
     * {@code (switch (e & 3) { case 0 -> a; case 1, 2 -> { ...; yield b; } default -> c; })}.
     * An arm's block may not jump out of the switch expression.
     */
    private E switchExpr(T t, int d) {
        if (ctx.inSwitchExpr) {
            return leaf(t);
        }
        count("switch expression");
        E selector = expr(T.INT, d);
        E first = expr(t, d);
        Ctx.Scope outside = ctx.save();
        ctx.noJumpsOut();
        ctx.canTry = features.tryInSwitchExpressions;
        ctx.depth = Math.max(ctx.depth, (method.isMain() ? 3 : 2) - 2);
        ctx.inSwitchExpr = true;
        int mark = ctx.vars.size();
        List<S> block = block(1 + random.nextInt(2));
        E yielded = expr(t, d);
        truncate(mark);
        ctx.restore(outside);
        E last = expr(t, d);
        return seq("(switch (", selector, " & 3) { case 0 -> ", first, "; case 1, 2 -> { ", inline(block),
                "yield ", yielded, "; } default -> ", last, "; })");
    }

    private static E paren(E e) {
        return seq("(", e, ")");
    }

    // ---- random choices ------------------------------------------------------------------------

    private <X> X pick(List<X> options) {
        return options.get(random.nextInt(options.size()));
    }

    @SafeVarargs
    private <X> X pickOf(X... options) {
        return options[random.nextInt(options.length)];
    }
}
