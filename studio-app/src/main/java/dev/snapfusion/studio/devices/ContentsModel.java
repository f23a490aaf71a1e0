package dev.snapfusion.studio.devices;

import dev.snapfusion.studio.common.Sizes;
import dev.snapfusion.link.DeviceInfo;
import dev.snapfusion.link.DeviceStorage;
import dev.snapfusion.studio.services.StudioServices;
import dev.snapfusion.studio.services.Workers;
import dev.snapfusion.studio.ui.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the selected device holds in the studio's work dir: its bundles and runs with their sizes, read again after a
 * push or a delete. Reads and deletes run on one background thread; an answer for a device no longer shown is dropped.
 */
final class ContentsModel {
    private final StudioServices services;
    private final ExecutorService worker = Workers.single("device-contents");

    final ObjectProperty<DeviceInfo> device = new SimpleObjectProperty<>();
    final ObservableList<DeviceStorage.Item> items = FXCollections.observableArrayList();
    final StringProperty status = new SimpleStringProperty("Select an online device to see its bundles and runs.");
    final StringProperty error = new SimpleStringProperty("");
    final BooleanProperty busy = new SimpleBooleanProperty(false);
    /** Bundle id → the local folder it came from (the Push section's bundles), so a hash reads as a name. */
    private java.util.Map<String, String> localNames = java.util.Map.of();
    /** Bumped whenever another device is shown, so a late answer for the one before is dropped. */
    private long generation;

    ContentsModel(StudioServices services) {
        this.services = services;
    }

    void knownBundles(java.util.Map<String, String> idToName) {
        localNames = java.util.Map.copyOf(idToName);
    }

    /** "demo-snapfusion-fp32" for a bundle pushed from this workspace, else its id. */
    String title(DeviceStorage.Item i) {
        return i.kind() == DeviceStorage.Kind.BUNDLE ? localNames.getOrDefault(i.id(), i.id()) : i.id();
    }

    /** The title, and the id too when they differ: what a confirmation names. */
    String label(DeviceStorage.Item i) {
        String t = title(i);
        return t.equals(i.id()) ? t : t + " (" + i.id() + ")";
    }

    void show(DeviceInfo d) {
        if (DeviceStates.sameDevice(d, device.get()) && d.online() == device.get().online()) return;
        device.set(d);
        generation++;
        items.clear();
        error.set("");
        if (d == null) {
            status.set("Select an online device to see its bundles and runs.");
        } else if (!d.online()) {
            status.set(DeviceStates.name(d) + " is " + DeviceStates.title(d).toLowerCase(java.util.Locale.ROOT)
                    + "; what it holds can be read once it is online.");
        } else {
            refresh();
        }
    }

    /** Reads the list again when {@code d} is the device shown (after a push to it). */
    void refreshIf(DeviceInfo d) {
        if (DeviceStates.sameDevice(d, device.get())) refresh();
    }

    void refresh() {
        refresh("");
    }

    /** @param done what just happened, shown before the summary ("Deleted bundle x. ") */
    private void refresh(String done) {
        DeviceInfo d = device.get();
        if (d == null || !d.online()) return;
        long asked = generation;
        error.set("");
        busy.set(true);
        status.set("Reading what " + DeviceStates.name(d) + " holds…");
        worker.execute(() -> {
            try {
                List<DeviceStorage.Item> list = services.deviceContents(d);
                Platform.runLater(() -> {
                    if (asked != generation) return;
                    busy.set(false);
                    items.setAll(list);
                    status.set(done + summary(list));
                });
            } catch (Exception | LinkageError e) {
                String message = Messages.describe(e);
                Platform.runLater(() -> {
                    if (asked != generation) return;
                    busy.set(false);
                    status.set("");
                    error.set("Cannot read what " + d.serial() + " holds: " + message);
                });
            }
        });
    }

    /** Deletes the items from the device shown, then reads the list again. */
    void delete(List<DeviceStorage.Item> doomed) {
        DeviceInfo d = device.get();
        if (d == null || doomed.isEmpty()) return;
        List<DeviceStorage.Item> list = List.copyOf(doomed);
        busy.set(true);
        error.set("");
        status.set("Deleting " + names(list, this::label) + " from " + DeviceStates.name(d) + "…");
        worker.execute(() -> {
            List<String> deleted = new ArrayList<>();
            try {
                for (DeviceStorage.Item i : list) {
                    services.deleteFromDevice(d, i.kind(), i.id());
                    deleted.add(i.id());
                }
                Platform.runLater(() -> refresh("Deleted " + names(list, this::label) + ". "));
            } catch (Exception | LinkageError e) {
                String message = Messages.describe(e);
                Platform.runLater(() -> {
                    refresh("");
                    error.set("Cannot delete from " + d.serial() + (deleted.isEmpty() ? "" : " (deleted " + deleted + ")")
                            + ": " + message);
                });
            }
        });
    }

    /** The confirmation's text: each item that goes, with its size. */
    String describeDeletion(List<DeviceStorage.Item> doomed) {
        StringBuilder s = new StringBuilder();
        long total = 0;
        for (DeviceStorage.Item i : doomed) {
            s.append(kindWord(i)).append(' ').append(label(i)).append("  (").append(Sizes.bytes(i.bytes())).append(")\n");
            total += Math.max(0, i.bytes());
        }
        s.append("\n").append(Sizes.bytes(total)).append(" are freed on the device. Bundles on this computer stay; a bundle "
                + "is pushed again when it is next run there.");
        return s.toString();
    }

    /** "bundle x" for one item, else as {@link #counts}. */
    static String names(List<DeviceStorage.Item> items, java.util.function.Function<DeviceStorage.Item, String> label) {
        if (items.size() == 1) return kindWord(items.get(0)) + " " + label.apply(items.get(0));
        return counts(items);
    }

    /** "2 bundles and 1 run". */
    static String counts(List<DeviceStorage.Item> items) {
        long bundles = items.stream().filter(i -> i.kind() == DeviceStorage.Kind.BUNDLE).count();
        long runs = items.size() - bundles;
        List<String> parts = new ArrayList<>();
        if (bundles > 0) parts.add(bundles + (bundles == 1 ? " bundle" : " bundles"));
        if (runs > 0) parts.add(runs + (runs == 1 ? " run" : " runs"));
        return String.join(" and ", parts);
    }

    static String kindWord(DeviceStorage.Item i) {
        return i.kind() == DeviceStorage.Kind.BUNDLE ? "bundle" : "run";
    }

    static String summary(List<DeviceStorage.Item> list) {
        if (list.isEmpty()) return "Nothing from the studio on this device yet. Push a bundle to it.";
        long total = list.stream().mapToLong(i -> Math.max(0, i.bytes())).sum();
        return counts(list) + ", " + Sizes.bytes(total) + " in all.";
    }
}
