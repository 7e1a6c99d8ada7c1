package io.jasyncio.internal;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Where the await-site tables the processor generates put their rows as they are initialized.
 * A table pushes them rather than the runtime reading its field: in a modular program the
 * table's package need not be exported to the runtime. Keyed weakly by the table's class, so
 * a program's class loader can still be unloaded.
 */
public final class AwaitSiteTables {
    /**
     * How a table is named: its top-level class's simple name and this, in that class's
     * package. The one definition: the processor reads this constant from the runtime it
     * compiles against.
     */
    public static final String SUFFIX = "_AwaitSites";

    private static final Map<Class<?>, String[][]> TABLES = Collections.synchronizedMap(new WeakHashMap<>());

    private AwaitSiteTables() {}

    /** Called by a generated table's static initializer. */
    public static void register(Class<?> table, String[][] sites) {
        TABLES.put(table, sites);
    }

    /** The rows {@code table} registered, or null if it did not (a table from an older processor). */
    public static String[][] rowsOf(Class<?> table) {
        return TABLES.get(table);
    }
}
