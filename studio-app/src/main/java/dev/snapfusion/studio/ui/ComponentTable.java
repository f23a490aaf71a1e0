package dev.snapfusion.studio.ui;

import dev.snapfusion.bridge.convert.ConversionReport;
import dev.snapfusion.runner.bundle.BundleManifest;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** A bundle's components: file, size, params, compute and cosine against the fp32 build, one row each, sized to fit. */
public final class ComponentTable extends TableView<ComponentRow> {
    private static final double ROW = 30;

    public ComponentTable(String id) {
        setId(id);
        getStyleClass().add("component-table");
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setFixedCellSize(ROW);
        getColumns().add(column("Component", 150, ComponentRow::name));
        getColumns().add(column("File", 260, ComponentRow::file));
        getColumns().add(column("Size", 100, ComponentRow::sizeText));
        getColumns().add(column("Params", 100, ComponentRow::paramsText));
        getColumns().add(column("Compute", 120, ComponentRow::flopsText));
        getColumns().add(column("vs fp32", 140, ComponentRow::parity));
    }

    /** Shows the bundle's rows; {@code report} (may be null) gives the cosines. */
    public void show(BundleManifest m, ConversionReport report) {
        setItems(FXCollections.observableArrayList(ComponentRow.of(m, report)));
        setPrefHeight(ROW * getItems().size() + ROW);
    }

    private static TableColumn<ComponentRow, String> column(String name, double width, Function<ComponentRow, String> f) {
        TableColumn<ComponentRow, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(x -> new ReadOnlyStringWrapper(f.apply(x.getValue())));
        return c;
    }
}
