package io.jasyncio.processor;

import com.google.auto.service.AutoService;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * Claims {@code @Async}, and nothing else, so that javac's {@code -Xlint:processing} does not
 * report it as an annotation no processor claimed. {@link AsyncProcessor} cannot claim it
 * itself: it supports every annotation ({@code "*"}, so that javac always runs it), and
 * claiming is per call, for all of them, which would hide the others from later processors.
 *
 * <p>It must run after {@link AsyncProcessor}: javac stops asking processors once every
 * annotation of a round is claimed. Its name sorts after it, and the service file lists
 * processors in that order.
 */
@AutoService(Processor.class)
public final class AsyncProcessorClaim extends AbstractProcessor {
    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(AsyncProcessor.ASYNC);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        return true;
    }
}
