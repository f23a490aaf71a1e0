package dev.snapfusion.studio.event;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Carries messages between pages so that pages never hold references to each other.
 * Not thread-safe: publish and subscribe on the FX thread only (background work hands results over with
 * {@code Platform.runLater} first).
 *
 * <pre>{@code
 * bus.subscribe(NavigateEvent.class, e -> show(e.page()));
 * bus.publish(new NavigateEvent(PageId.COMPARE));
 * }</pre>
 */
public final class EventBus {
    private final Map<Class<?>, List<Consumer<?>>> subscribers = new LinkedHashMap<>();

    public <T> void subscribe(Class<T> type, Consumer<? super T> handler) {
        subscribers.computeIfAbsent(type, t -> new ArrayList<>()).add(handler);
    }

    /** Delivers to every subscriber of the event's exact class, in subscription order. */
    @SuppressWarnings("unchecked")
    public void publish(Object event) {
        for (Consumer<?> c : List.copyOf(subscribers.getOrDefault(event.getClass(), List.of()))) {
            ((Consumer<Object>) c).accept(event);
        }
    }
}
