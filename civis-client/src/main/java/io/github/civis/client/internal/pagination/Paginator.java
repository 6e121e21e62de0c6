package io.github.civis.client.internal.pagination;

import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.github.civis.client.transport.CallArguments;

/**
 * Walks the pages of a paginated Civis list lazily: a page is requested only when the consumer
 * needs its first element, and walking stops at the last page, at an empty page, or when the
 * consumer stops.
 *
 * <p>Pages are requested with the query keys {@value #LIMIT} (page size, {@value #DEFAULT_PAGE_SIZE}
 * unless the caller set it; 50 is also the API's maximum) and {@value #PAGE_NUM} (starting at 1
 * unless the caller set it).
 */
public final class Paginator {

    /** Query key of the page size. */
    public static final String LIMIT = "limit";
    /** Query key of the page number. */
    public static final String PAGE_NUM = "pageNum";
    /** Page size used when the caller did not set {@value #LIMIT}. */
    public static final int DEFAULT_PAGE_SIZE = 50;

    private Paginator() {
    }

    /**
     * Every element, page after page, as a lazy stream.
     * @param arguments the call's values
     * @param fetch fetches one page: the arguments with page size and number set, and the number
     * @param <T> the element type
     * @return a sequential stream; closing it or short-circuiting it stops fetching
     */
    public static <T> Stream<T> stream(CallArguments arguments, BiFunction<CallArguments, Long, Page<T>> fetch) {
        PageWalk walk = PageWalk.start(arguments);
        AtomicBoolean closed = new AtomicBoolean();
        Spliterator<T> elements = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED) {

            private Iterator<T> current = List.<T>of().iterator();
            private boolean lastFetched;
            private long next = walk.firstPage();

            @Override
            public boolean tryAdvance(Consumer<? super T> action) {
                while (!current.hasNext()) {
                    if (lastFetched || closed.get()) {
                        return false;
                    }
                    Page<T> page = fetch.apply(walk.argumentsFor(next), next);
                    lastFetched = page.isLast();
                    current = page.elements().iterator();
                    next++;
                }
                action.accept(current.next());
                return true;
            }
        };
        return StreamSupport.stream(elements, false).onClose(() -> closed.set(true));
    }

    /**
     * Every element, page after page, as a lazy stream that reads one page ahead: as soon as a
     * page arrives and is not the last, the request for the next one is sent, so that it travels
     * while the caller consumes the current one instead of after. At most one page beyond the
     * one being consumed is ever requested or held. Closing the stream (or short-circuiting it)
     * cancels the page in flight and fetches nothing more.
     * @param arguments the call's values
     * @param start sends the request for one page: the arguments with page size and number set,
     *        and the number; the returned future completes with the page
     * @param await waits for a started page on the caller's thread and returns it, or throws
     *        what the request failed with
     * @param <T> the element type
     * @return a sequential stream
     */
    public static <T> Stream<T> streamReadingAhead(CallArguments arguments,
            BiFunction<CallArguments, Long, CompletableFuture<Page<T>>> start,
            Function<CompletableFuture<Page<T>>, Page<T>> await) {
        PageWalk walk = PageWalk.start(arguments);
        AtomicBoolean closed = new AtomicBoolean();
        AtomicReference<@Nullable CompletableFuture<Page<T>>> ahead = new AtomicReference<>();
        Spliterator<T> elements = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED) {

            private Iterator<T> current = List.<T>of().iterator();
            private boolean lastFetched;
            private long next = walk.firstPage();

            @Override
            public boolean tryAdvance(Consumer<? super T> action) {
                while (!current.hasNext()) {
                    if (lastFetched || closed.get()) {
                        return false;
                    }
                    CompletableFuture<Page<T>> pending = ahead.getAndSet(null);
                    if (pending == null) {
                        pending = start.apply(walk.argumentsFor(next), next);
                    }
                    Page<T> page = await.apply(pending);
                    lastFetched = page.isLast();
                    current = page.elements().iterator();
                    next++;
                    if (!lastFetched) {
                        ahead.set(start.apply(walk.argumentsFor(next), next));
                        if (closed.get()) {
                            cancel(ahead);
                        }
                    }
                }
                action.accept(current.next());
                return true;
            }
        };
        return StreamSupport.stream(elements, false).onClose(() -> {
            closed.set(true);
            cancel(ahead);
        });
    }

    private static void cancel(AtomicReference<? extends @Nullable CompletableFuture<?>> ahead) {
        CompletableFuture<?> pending = ahead.getAndSet(null);
        if (pending != null) {
            // a future from Mono.toFuture() cancels its subscription, and so the request
            pending.cancel(true);
        }
    }

    /**
     * Every element, page after page, as a {@code Flux} that honours backpressure: the next page
     * is requested only once every element of the previous one was requested downstream.
     * @param arguments the call's values
     * @param fetch fetches one page: the arguments with page size and number set, and the number
     * @param <T> the element type
     * @return a cold flux
     */
    public static <T> Flux<T> flux(CallArguments arguments, BiFunction<CallArguments, Long, Mono<Page<T>>> fetch) {
        return Flux.defer(() -> {
            PageWalk walk = PageWalk.start(arguments);
            AtomicBoolean lastSeen = new AtomicBoolean();
            // concatMap with prefetch 0 asks for the next page number only once every element of
            // the current page was emitted, and each page waits for downstream demand before it
            // is fetched: together no page is fetched ahead of what the subscriber asked for.
            return Flux.<Long, Long>generate(walk::firstPage, (number, sink) -> {
                if (lastSeen.get()) {
                    sink.complete();
                }
                else {
                    sink.next(number);
                }
                return number + 1;
            }).concatMap(number -> onFirstRequest(() -> fetch.apply(walk.argumentsFor(number), number)
                    .flatMapMany(page -> {
                        if (page.isLast()) {
                            lastSeen.set(true);
                        }
                        return Flux.fromIterable(page.elements());
                    })), 0);
        });
    }

    /**
     * Subscribes to the source only when the first element is requested. Needed because
     * subscribing to a WebClient {@code Mono} sends the request whether or not anything was
     * requested, and {@code concatMap} subscribes to the next inner source as soon as the
     * previous one completes.
     */
    private static <T> Flux<T> onFirstRequest(Supplier<Flux<T>> source) {
        return Flux.create(sink -> {
            AtomicBoolean started = new AtomicBoolean();
            sink.onRequest(requested -> {
                if (started.compareAndSet(false, true)) {
                    Disposable subscription = source.get().subscribe(sink::next, sink::error, sink::complete);
                    sink.onDispose(subscription);
                }
            });
        });
    }

    /** The fixed part of a walk: the arguments with the page size set and the first page. */
    private record PageWalk(CallArguments arguments, long firstPage) {

        static PageWalk start(CallArguments arguments) {
            CallArguments withLimit = arguments.query().containsKey(LIMIT) ? arguments
                    : arguments.withQuery(LIMIT, Integer.toString(DEFAULT_PAGE_SIZE));
            long first = 1;
            List<String> given = arguments.query().get(PAGE_NUM);
            if (given != null && !given.isEmpty()) {
                try {
                    first = Math.max(1, Long.parseLong(given.get(0).trim()));
                }
                catch (NumberFormatException ex) {
                    throw new io.github.civis.client.error.CivisValidationException(
                            PAGE_NUM + " must be a whole number, was '" + given.get(0) + "'");
                }
            }
            return new PageWalk(withLimit, first);
        }

        CallArguments argumentsFor(long number) {
            return arguments.withQuery(PAGE_NUM, Long.toString(number));
        }
    }
}
