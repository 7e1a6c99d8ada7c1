package io.jasyncio;

import io.jasyncio.internal.AwaitSiteTables;

/**
 * Reads the await-site tables the processor generates (one class
 * {@code <TopLevel>_AwaitSites} ({@link AwaitSiteTables#SUFFIX}) per top-level class with {@code @Async} methods, whose
 * {@code SITES} rows are: binary class name, method, site number, line, the awaited
 * expression's source text), to show what a suspended task waits on. Initializing a table
 * hands its rows to {@link AwaitSiteTables}.
 */
final class AwaitSiteTable {
    private AwaitSiteTable() {}

    /** The source text of the await at {@code location}, or null if no table says. */
    static String sourceAt(StackTraceElement location, ClassLoader loader) {
        String className = location.getClassName();
        int nested = className.indexOf('$', className.lastIndexOf('.') + 1);
        String topLevel = nested < 0 ? className : className.substring(0, nested);
        try {
            Class<?> table = Class.forName(topLevel + AwaitSiteTables.SUFFIX, true, loader);
            String[][] rows = AwaitSiteTables.rowsOf(table);
            if (rows == null) {
                // a table generated before tables registered themselves
                rows = (String[][]) table.getField("SITES").get(null);
            }
            for (String[] row : rows) {
                if (row[0].equals(className) && row[1].equals(location.getMethodName())
                        && row[3].equals(Integer.toString(location.getLineNumber()))) {
                    return row[4];
                }
            }
        } catch (ReflectiveOperationException | ClassCastException | LinkageError noTable) {
            // Compiled without the processor's sources, or from another version: no text.
        }
        return null;
    }
}
