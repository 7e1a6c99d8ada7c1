package io.jasyncio.it;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;

import io.jasyncio.Async;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;

/**
 * Every switch javac compiles differently (dense and sparse int, String with colliding hash
 * codes, enum through its synthetic switch map; statements and expressions), with awaits in the
 * selector, in the arms and around the switch, each next to the same logic run synchronously.
 */
public class Switches {
    public enum Color { RED, GREEN, BLUE, BLACK }

    private final Futures futures;

    public Switches(Futures futures) {
        this.futures = futures;
    }

    private Future<Integer> f(int value) {
        return futures.of(value);
    }

    @Async
    public Coroutine<String> oldStyleWithFallthrough(int n) {
        StringBuilder out = new StringBuilder();
        switch (await(f(n))) { // dense keys: a tableswitch
            case 0:
                out.append("zero,");
                // fall through
            case 1:
                out.append(await(f(1))).append(',');
                // fall through
            case 2:
                out.append("two,");
                break;
            case 4:
            case 5:
                out.append(await(f(n * 2))).append(',');
                // fall through
            default:
                out.append("default ").append(await(f(n)));
        }
        out.append(';');
        switch (n * 1000) { // sparse keys: a lookupswitch
            case -1000:
                out.append(await(f(-1)));
                break;
            case 3000:
                out.append("three");
                // fall through
            case 1_000_000:
                out.append(await(f(1000)));
                break;
            default:
                break;
        }
        return result(out.toString());
    }

    public static String oldStyleWithFallthroughSync(int n) {
        StringBuilder out = new StringBuilder();
        switch (n) {
            case 0:
                out.append("zero,");
                // fall through
            case 1:
                out.append(1).append(',');
                // fall through
            case 2:
                out.append("two,");
                break;
            case 4:
            case 5:
                out.append(n * 2).append(',');
                // fall through
            default:
                out.append("default ").append(n);
        }
        out.append(';');
        switch (n * 1000) {
            case -1000:
                out.append(-1);
                break;
            case 3000:
                out.append("three");
                // fall through
            case 1_000_000:
                out.append(1000);
                break;
            default:
                break;
        }
        return out.toString();
    }

    @Async
    public Coroutine<Integer> arrowStatement(int n) {
        int total = 0;
        switch (n % 4) {
            case 0 -> total = await(f(n));
            case 1, 2 -> {
                int a = await(f(n));
                int b = await(f(a * 3));
                total = a + b;
            }
            default -> {
                if (n > 10) {
                    total = -await(f(n));
                }
            }
        }
        return result(total);
    }

    public static int arrowStatementSync(int n) {
        int total = 0;
        switch (n % 4) {
            case 0 -> total = n;
            case 1, 2 -> {
                int a = n;
                int b = a * 3;
                total = a + b;
            }
            default -> {
                if (n > 10) {
                    total = -n;
                }
            }
        }
        return total;
    }

    /** "Aa" and "BB" have the same hash code: javac's second, equals-based switch decides. */
    @Async
    public Coroutine<String> onString(String key) {
        String chosen = await(futures.of(key));
        String out;
        switch (chosen) {
            case "Aa":
                out = "Aa" + await(f(1));
                break;
            case "BB":
                out = "BB" + await(f(2));
                break;
            case "":
                out = "empty";
                break;
            default:
                out = "other " + chosen.length();
        }
        String arrow = switch (chosen) {
            case "Aa", "BB" -> "collides" + await(f(chosen.charAt(0)));
            case "" -> {
                int zero = await(f(0));
                yield "nothing" + zero;
            }
            default -> chosen.toUpperCase();
        };
        return result(out + "/" + arrow);
    }

    public static String onStringSync(String key) {
        String chosen = key;
        String out;
        switch (chosen) {
            case "Aa":
                out = "Aa" + 1;
                break;
            case "BB":
                out = "BB" + 2;
                break;
            case "":
                out = "empty";
                break;
            default:
                out = "other " + chosen.length();
        }
        String arrow = switch (chosen) {
            case "Aa", "BB" -> "collides" + (int) chosen.charAt(0);
            case "" -> {
                int zero = 0;
                yield "nothing" + zero;
            }
            default -> chosen.toUpperCase();
        };
        return out + "/" + arrow;
    }

    @Async
    public Coroutine<String> onEnum(Color color) {
        String statement;
        // javac loads its switch map array before the selector: the await has it below.
        switch (await(futures.of(color))) {
            case RED:
                statement = "warm" + await(f(color.ordinal()));
                break;
            case GREEN:
            case BLUE:
                statement = "cool";
                break;
            default:
                statement = "none";
        }
        Color awaited = await(futures.of(color));
        int weight = switch (awaited) {
            case RED -> 1;
            case GREEN -> await(f(2));
            case BLUE -> {
                int w = await(f(3));
                yield w * w;
            }
            case BLACK -> 0;
        };
        return result(statement + weight);
    }

    public static String onEnumSync(Color color) {
        String statement;
        switch (color) {
            case RED:
                statement = "warm" + color.ordinal();
                break;
            case GREEN:
            case BLUE:
                statement = "cool";
                break;
            default:
                statement = "none";
        }
        Color awaited = color;
        int weight = switch (awaited) {
            case RED -> 1;
            case GREEN -> 2;
            case BLUE -> {
                int w = 3;
                yield w * w;
            }
            case BLACK -> 0;
        };
        return statement + weight;
    }

    /**
     * Switch expressions used inside larger expressions, so that operands are already on the
     * stack when an arm awaits; one contains a try, for which javac moves the stack into
     * locals first (only ints below it: javac itself crashes with a long or double there).
     */
    @Async
    public Coroutine<String> switchExpressionsOnTheStack(int n) {
        int sum = 100 + switch (n % 3) {
            case 0 -> await(f(n));
            case 1 -> 10 * await(f(n + 1));
            default -> {
                int x = await(f(n));
                yield x - await(f(1));
            }
        };
        String text = "[" + n + ":" + switch (n) {
            case 0 -> "none";
            case 1, 2, 3 -> "few" + await(f(n));
            default -> "many";
        } + "]";
        long wide = 1L << 40;
        long widened = wide + switch (n & 1) {
            case 0 -> await(f(n)) * 2L;
            default -> (long) await(f(-n));
        };
        int guarded = sum * switch (n % 2) {
            case 0 -> {
                try {
                    yield await(f(n)) / (n - 4);
                } catch (ArithmeticException e) {
                    yield await(f(-1));
                }
            }
            default -> 1;
        };
        return result(sum + text + widened + "," + guarded);
    }

    public static String switchExpressionsOnTheStackSync(int n) {
        int sum = 100 + switch (n % 3) {
            case 0 -> n;
            case 1 -> 10 * (n + 1);
            default -> {
                int x = n;
                yield x - 1;
            }
        };
        String text = "[" + n + ":" + switch (n) {
            case 0 -> "none";
            case 1, 2, 3 -> "few" + n;
            default -> "many";
        } + "]";
        long wide = 1L << 40;
        long widened = wide + switch (n & 1) {
            case 0 -> n * 2L;
            default -> (long) -n;
        };
        int guarded = sum * switch (n % 2) {
            case 0 -> {
                try {
                    yield n / (n - 4);
                } catch (ArithmeticException e) {
                    yield -1;
                }
            }
            default -> 1;
        };
        return sum + text + widened + "," + guarded;
    }
}
