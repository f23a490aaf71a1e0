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
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
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

    /** What {@link #prewarm} has still to do, one step per idle pause; read by tests off the FX thread. */
    private final Deque<Runnable> prewarmSteps = new ConcurrentLinkedDeque<>();

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
     * its own: the classes, skins and CSS of a page cost the FX thread 100–300 ms on its first build, which otherwise
     * falls on the user's first click (the whole-job watchdog's largest stalls). The studio calls it once the window
     * is up; a page that is visited before its turn is simply built then.
     */
    public void prewarm(Duration pause) {
        for (PageId p : PageId.values()) {
            if (pages.containsKey(p)) continue;
            // Two idle moments per page: making its nodes, then its CSS and layout (each up to a few hundred ms cold).
            Node[] built = new Node[1];   // what the first step made (null when a visit built the page first)
            prewarmSteps.add(() -> built[0] = pages.containsKey(p) ? null : pages.computeIfAbsent(p, this::create));
            prewarmSteps.add(() -> {
                if (built[0] instanceof Parent page && page.getScene() == null) style(page);
            });
        }
        PauseTransition next = new PauseTransition(pause);
        next.setOnFinished(e -> {
            Runnable step = prewarmSteps.poll();
            if (step == null) return;
            step.run();
            next.playFromStart();
        });
        next.play();
    }

    /** Whether every page has been built (by a visit or by {@link #prewarm}) and the prewarm has nothing left to do. */
    public boolean allPagesBuilt() {
        return pages.size() == PageId.values().length && prewarmSteps.isEmpty();
    }

    /** Styles and lays out a page not on show in a scene of its own, with the window's style sheets. */
    private void style(Parent page) {
        Group holder = new Group(page);
        Scene offscreen = new Scene(holder);
        if (getScene() != null) offscreen.getStylesheets().setAll(getScene().getStylesheets());
        offscreen.getRoot().getStyleClass().addAll(getStyleClass());
        page.applyCss();
        page.layout();
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
