package dev.snapfusion.studio.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventBusTest {
    @Test
    void publish_twoSubscribersAndOtherType_deliversInOrderToMatchingTypeOnly() {
        EventBus bus = new EventBus();
        List<String> seen = new ArrayList<>();
        bus.subscribe(NavigateEvent.class, e -> seen.add("first " + e.page()));
        bus.subscribe(NavigateEvent.class, e -> seen.add("second " + e.page()));
        bus.subscribe(String.class, s -> seen.add("string " + s));

        bus.publish(new NavigateEvent(PageId.COMPARE));

        assertThat(seen).containsExactly("first COMPARE", "second COMPARE");
    }

    @Test
    void publish_subscriberSubscribesWhileHandling_doesNotReceiveTheCurrentEvent() {
        EventBus bus = new EventBus();
        List<PageId> late = new ArrayList<>();
        bus.subscribe(NavigateEvent.class, e -> bus.subscribe(NavigateEvent.class, e2 -> late.add(e2.page())));

        bus.publish(new NavigateEvent(PageId.DEVICES));
        bus.publish(new NavigateEvent(PageId.CONVERT));

        assertThat(late).containsExactly(PageId.CONVERT);
    }
}
