package dev.snapfusion.studio.layout;

import dev.snapfusion.studio.compare.ComparePage;
import dev.snapfusion.studio.convert.ConvertPage;
import dev.snapfusion.studio.devices.DevicesPage;
import dev.snapfusion.studio.event.EventBus;
import dev.snapfusion.studio.event.NavigateEvent;
import dev.snapfusion.studio.event.PageId;
import dev.snapfusion.studio.evolve.EvolvePage;
import dev.snapfusion.studio.generate.GeneratePage;
import dev.snapfusion.studio.history.HistoryPage;
import dev.snapfusion.studio.models.ModelsPage;
import dev.snapfusion.studio.services.StudioServices;
import dev.snapfusion.studio.settings.SettingsPage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import javafx.animation.PauseTransition;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.util.Duration;

/**
 * The shell: sidebar on the left, the current page in the centre. Pages are built on first visit and kept,
 * so a running comparison survives switching pages.
 */
public final class MainWindow extends BorderPane {
    private final EventBus bus = new EventBus();
    private final StudioServices services;
    private final Sidebar sidebar = new Sidebar(bus);
    private final Map<PageId, Node> pages = new EnumMap<>(PageId.class);
    private PageId current;

    public MainWindow(StudioServices services) {
        this.services = services;
        getStyleClass().add("main-window");
        setLeft(sidebar);
        bus.subscribe(NavigateEvent.class, e -> show(e.page()));
        show(PageId.COMPARE);
    }

    /** The bus pages use to talk to each other; exposed for the launcher and for tests. */
    public EventBus bus() {
        return bus;
    }

    /** The page on show. */
    public PageId current() {
        return current;
    }

    public void show(PageId page) {
        current = page;
        setCenter(pages.computeIfAbsent(page, this::create));
        sidebar.select(page);
    }

    /**
     * Builds the pages not shown yet, one every {@code pause} while the window is idle, and styles each in a scene of
     * its own: the classes, skins and CSS of a page cost the FX thread 100–200 ms on its first build, which otherwise
     * falls on the user's first click (the whole-job watchdog's largest stalls). The studio calls it once the window
     * is up; a page that is visited before its turn is simply built then.
     */
    public void prewarm(Duration pause) {
        Deque<PageId> todo = new ArrayDeque<>();
        for (PageId p : PageId.values()) if (!pages.containsKey(p)) todo.add(p);
        PauseTransition next = new PauseTransition(pause);
        next.setOnFinished(e -> {
            PageId p = todo.poll();
            if (p == null) return;
            if (!pages.containsKey(p)) warm(p);
            next.playFromStart();
        });
        next.play();
    }

    /** Whether every page has been built (by a visit or by {@link #prewarm}). */
    public boolean allPagesBuilt() {
        return pages.size() == PageId.values().length;
    }

    private void warm(PageId page) {
        Node node = pages.computeIfAbsent(page, this::create);
        Group holder = new Group(node);
        Scene offscreen = new Scene(holder);
        if (getScene() != null) offscreen.getStylesheets().setAll(getScene().getStylesheets());
        offscreen.getRoot().getStyleClass().addAll(getStyleClass());
        if (node instanceof Parent parent) {
            parent.applyCss();
            parent.layout();
        }
        holder.getChildren().clear();   // free for the main window, which styles it again for its own scene
    }

    private Node create(PageId page) {
        switch (page) {
            case DEVICES: return new DevicesPage(services, bus);
            case CONVERT: return new ConvertPage(services, bus);
            case MODELS: return new ModelsPage(services, bus);
            case GENERATE: return new GeneratePage(services, bus);
            case HISTORY: return new HistoryPage(services, bus);
            case COMPARE: return new ComparePage(services, bus);
            case EVOLVE: return new EvolvePage(services);
            case SETTINGS: return new SettingsPage(services, bus);
            default: throw new IllegalStateException("page " + page);
        }
    }
}
