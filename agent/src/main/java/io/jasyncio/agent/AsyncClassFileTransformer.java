package io.jasyncio.agent;

import io.jasyncio.processor.Rule;
import io.jasyncio.processor.transform.AsyncClassTransformer;
import io.jasyncio.processor.transform.AsyncCloseSites;
import io.jasyncio.processor.transform.AsyncCloseableClasses;
import io.jasyncio.processor.transform.TransformException;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Map;

/**
 * Rewrites each loading class that has {@code @Async} methods: the class comes back rewritten
 * and its frame classes are defined beside it. A method the pass refuses is reported on
 * standard error with its rule id, as the weaver reports it, and its class loads as compiled:
 * its awaits then throw an error naming the method, never run unrewritten. Nothing thrown here
 * reaches the JVM, which would drop it silently.
 */
final class AsyncClassFileTransformer implements ClassFileTransformer {
    private final FrameClassDefiner frames;

    AsyncClassFileTransformer(FrameClassDefiner frames) {
        this.frames = frames;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
                            byte[] classFile) {
        if (loader == null || className == null || redefined != null || !ConstantPoolScan.mentionsAsync(classFile)) {
            return null;
        }
        try {
            AsyncCloseSites closes = AsyncCloseSites.inBytecode(new AsyncCloseableClasses(
                    name -> AsyncCloseableClasses.classFile(loader, name)));
            Map<String, byte[]> files = AsyncClassTransformer.transform(classFile, false, closes);
            if (files.isEmpty()) {
                return null; // rewritten already (by the processor or the weaver), or nothing @Async
            }
            String host = className.replace('/', '.');
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                if (!file.getKey().equals(host)) {
                    frames.define(loader, file.getKey(), file.getValue(), domain);
                }
            }
            return files.get(host);
        } catch (TransformException refused) {
            report(Rule.of(refused).format(refused.getMessage()));
            for (Throwable other : refused.getSuppressed()) {
                if (other instanceof TransformException next) {
                    report(Rule.of(next).format(next.getMessage()));
                }
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            report(Rule.CANNOT_REWRITE.format("the jasyncio agent could not rewrite " + className.replace('/', '.')
                    + ": " + e));
        }
        return null;
    }

    private static void report(String message) {
        System.err.println(message);
    }
}
